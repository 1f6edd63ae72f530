/**
 * A loop that runs in the background until stopped: the grade worker and the learning-record sender
 * are both one. `stop()` lets the pass in flight finish, so no lease is left half-written.
 */
export abstract class BackgroundLoop {
  /** False once `stop()` is called: `run()` checks it between passes. */
  protected running = false;
  private loop: Promise<void> | undefined;

  /** Starts the loop in the background; a second call does nothing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the work in flight. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The loop itself: repeats while `running`. */
  protected abstract run(): Promise<void>;
}
