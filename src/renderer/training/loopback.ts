// Training mode's network: JsSIP user agents in the same page, joined by an in-page router
// instead of a SIP server (LAB-NOTES: "Training mode: two JsSIP UAs in one page"). Requests go
// by Request-URI user (the UA's AOR user or a Contact user it has used), responses back by the
// top Via branch. Delivery is asynchronous: synchronous delivery breaks the hold's ACK.

export class LoopbackRouter {
  private readonly byUser = new Map<string, LoopbackSocket>();
  private readonly byBranch = new Map<string, LoopbackSocket>();

  socket(aorUser: string): LoopbackSocket {
    const socket = new LoopbackSocket(this, aorUser);
    this.byUser.set(aorUser, socket);
    return socket;
  }

  /** @internal */
  deliver(from: LoopbackSocket, message: string): void {
    const firstLine = message.slice(0, message.indexOf('\r\n'));
    const branch = /^Via:[^\r\n]*;branch=([^;\s\r\n]+)/im.exec(message)?.[1];
    let target: LoopbackSocket | undefined;
    // In-dialog requests are addressed to the Contact a UA sent, in a request or a response.
    const contactUser = /^(?:Contact|m):[^\r\n]*<sips?:([^@>;]+)@/im.exec(message)?.[1];
    if (contactUser) this.byUser.set(contactUser, from);
    if (firstLine.startsWith('SIP/2.0')) {
      target = branch ? this.byBranch.get(branch) : undefined;
    } else {
      if (branch) this.byBranch.set(branch, from);
      const ruriUser = /^[A-Z]+ sips?:([^@ ;]+)@/.exec(firstLine)?.[1];
      target = ruriUser ? this.byUser.get(ruriUser) : undefined;
      if (!target && !firstLine.startsWith('ACK')) {
        queueMicrotask(() => from.receive(notFound(message)));
        return;
      }
    }
    if (target) {
      const to = target;
      setTimeout(() => to.receive(message), 0);
    }
  }

  remove(socket: LoopbackSocket): void {
    for (const [key, value] of this.byUser) if (value === socket) this.byUser.delete(key);
    for (const [key, value] of this.byBranch) if (value === socket) this.byBranch.delete(key);
  }
}

/** A JsSIP socket (url, via_transport, sip_uri, connect, disconnect, send) on the router. */
export class LoopbackSocket {
  via_transport = 'WS';
  readonly url: string;
  readonly sip_uri: string;
  private connected = false;
  onconnect: () => void = () => {};
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => {};
  ondata: (data: string) => void = () => {};

  constructor(private readonly router: LoopbackRouter, user: string) {
    this.url = `ws://training.invalid/${user}`;
    this.sip_uri = 'sip:training.invalid;transport=ws';
  }

  connect(): void {
    this.connected = true;
    setTimeout(() => this.onconnect(), 0);
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.router.remove(this);
    this.ondisconnect(false);
  }

  send(message: string | ArrayBufferLike | Blob | ArrayBufferView): boolean {
    if (!this.connected || typeof message !== 'string') return false;
    this.router.deliver(this, message);
    return true;
  }

  isConnected(): boolean { return this.connected; }
  isConnecting(): boolean { return false; }

  /** @internal */
  receive(message: string): void {
    if (this.connected) this.ondata(message);
  }
}

/** A 404 for a request nobody in the page can take, built from the request's own headers. */
function notFound(request: string): string {
  const keep = request
    .split('\r\n')
    .filter((line) => /^(Via|From|To|Call-ID|CSeq):/i.test(line));
  return ['SIP/2.0 404 Not Found', ...keep, 'Content-Length: 0', '', ''].join('\r\n');
}
