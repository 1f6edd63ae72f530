/** Narrow the case list by theme, competency and length. */
import type { CaseSummary } from './types.js';
import { THEMES } from './types.js';

export interface Filters {
  theme: number | null;
  competency: string | null;
  maxMinutes: number | null;
}

export const NO_FILTERS: Filters = { theme: null, competency: null, maxMinutes: null };

/** True when a case passes the filters. */
export function matches(item: CaseSummary, filters: Filters): boolean {
  return (
    (filters.theme === null || item.themes.includes(filters.theme)) &&
    (filters.competency === null || item.competencies.some((c) => c.id === filters.competency)) &&
    (filters.maxMinutes === null || item.estimatedMinutes <= filters.maxMinutes)
  );
}

interface Props {
  cases: CaseSummary[];
  filters: Filters;
  onChange: (filters: Filters) => void;
}

export function CaseFilters({ cases, filters, onChange }: Props) {
  const competencies = [
    ...new Map(cases.flatMap((c) => c.competencies).map((c) => [c.id, c])).values(),
  ].sort((a, b) => a.id.localeCompare(b.id));
  return (
    <fieldset className="filters">
      <legend>Filter the cases</legend>
      <label>
        Theme
        <select
          value={filters.theme ?? ''}
          onChange={(e) =>
            onChange({ ...filters, theme: e.target.value ? Number(e.target.value) : null })
          }
        >
          <option value="">All themes</option>
          {Object.entries(THEMES).map(([number, name]) => (
            <option key={number} value={number}>
              {number}. {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Competency
        <select
          value={filters.competency ?? ''}
          onChange={(e) => onChange({ ...filters, competency: e.target.value || null })}
        >
          <option value="">All competencies</option>
          {competencies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} {c.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Length
        <select
          value={filters.maxMinutes ?? ''}
          onChange={(e) =>
            onChange({ ...filters, maxMinutes: e.target.value ? Number(e.target.value) : null })
          }
        >
          <option value="">Any length</option>
          <option value="30">Up to 30 minutes</option>
          <option value="35">Up to 35 minutes</option>
        </select>
      </label>
    </fieldset>
  );
}
