/** The (method, path) pairs an express app answers, read from its router stack. */

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

export interface RouteEntry {
  /** Upper case, e.g. "POST". */
  method: string;
  /** As declared, with its parameters, e.g. "/api/player/attempts/:id/responses". */
  path: string;
}

function walk(stack: Layer[], prefix: string): RouteEntry[] {
  return stack.flatMap((layer) => {
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter((method) => method !== '_all')
        .map((method) => ({
          method: method.toUpperCase(),
          path: `${prefix}${mount === layer.route!.path ? '' : mount}${layer.route!.path}`,
        }));
    }
    return layer.handle?.stack ? walk(layer.handle.stack, `${prefix}${mount}`) : [];
  });
}

/** Every route of an express 5 app, found by walking its routers. */
export function routeTable(app: unknown): RouteEntry[] {
  return walk((app as { router: { stack: Layer[] } }).router.stack, '');
}
