// Just enough EventSource for Node 20 (which has fetch but no EventSource): one GET, the
// text/event-stream parsed into `data:` messages for onmessage. The web bridge takes it through
// its openStream option, so the contract test runs the bridge's real stream code against the
// real web host.
import { request, type ClientRequest } from 'node:http';

export class NodeEventSource {
  onmessage: ((this: EventSource, ev: MessageEvent) => unknown) | null = null;
  /** Resolves once the host has accepted the stream (its ": connected" comment arrived). */
  readonly opened: Promise<void>;
  private readonly req: ClientRequest;

  /** `headers`: what a browser's cookie does for the page, e.g. the web host's Authorization. */
  constructor(url: string, headers: Record<string, string> = {}) {
    let open!: () => void;
    this.opened = new Promise((resolve) => { open = resolve; });
    this.req = request(url, { headers }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.startsWith(':')) open();
          const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (data) this.onmessage?.call(this as unknown as EventSource, new MessageEvent('message', { data }));
        }
      });
    });
    this.req.on('error', () => {});
    this.req.end();
  }

  close(): void {
    this.req.destroy();
  }
}
