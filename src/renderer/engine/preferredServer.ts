// On a backup server (issue 14 §1), the engine looks now and then whether the first server IT
// listed accepts a SIP WebSocket again; the engine decides when to go back (a quiet moment).
export type ServerProbe = (url: string) => Promise<boolean>;

/** Opens a SIP WebSocket and closes it again: true when the server accepted it. */
export function probeWebSocket(url: string, timeoutMs = 5_000): Promise<boolean> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    try { ws = new WebSocket(url, 'sip'); } catch { resolve(false); return; }
    const done = (up: boolean) => {
      clearTimeout(timer);
      ws.onopen = ws.onerror = ws.onclose = null;
      try { ws.close(); } catch { /* already closed */ }
      resolve(up);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    ws.onopen = () => done(true);
    ws.onerror = () => done(false);
    ws.onclose = () => done(false);
  });
}

export class PreferredServerWatch {
  private timer: ReturnType<typeof setInterval> | undefined;
  private probing = false;
  /** The last probe found the preferred server up. */
  up = false;

  constructor(private readonly url: string, private readonly everyMs: number, private readonly onProbed: () => void, private readonly probe: ServerProbe = probeWebSocket) {}

  get watching(): boolean { return this.timer !== undefined; }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.probing) return;
      this.probing = true;
      void this.probe(this.url).then((up) => {
        this.probing = false;
        if (!this.timer) return;
        this.up = up;
        this.onProbed();
      });
    }, this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.up = false;
  }
}
