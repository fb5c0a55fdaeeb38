// What a long-running agent page holds on to, and how it behaves, seen from inside the page: an
// init script (installed before the app's own code) wraps the constructors and timers the app
// uses, and a CDP session measures the heap after a real garbage collection. Used by the
// reliability specs and the soak bench (issue 14 §3, §4).
import type { CDPSession, Page } from 'playwright-core';

// A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
// Objects are held by WeakRef only: what is still alive after a GC is what the app keeps.
export const PROBE_SCRIPT = `(() => {
  const w = window;
  if (w.__probe) return;
  const now = () => performance.timeOrigin + performance.now();
  const probe = w.__probe = {
    pcs: [], contexts: [], nodes: [], media: [], tracks: [], workers: [],
    longTasks: [], incoming: [], registration: [], errors: [], holdShown: [], checkIns: [], clicks: [],
    timeouts: new Map(), intervals: new Set(),
  };
  const keep = (list, value) => { list.push(new WeakRef(value)); return value; };

  const PC = w.RTCPeerConnection;
  if (PC) {
    w.RTCPeerConnection = class extends PC {
      constructor(...args) { super(...args); keep(probe.pcs, this); }
      close() { if (this.__closedAt === undefined) this.__closedAt = now(); return super.close(); }
    };
  }
  const AC = w.AudioContext;
  if (AC) {
    w.AudioContext = class extends AC { constructor(...args) { super(...args); keep(probe.contexts, this); } };
    const proto = w.BaseAudioContext.prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (!/^create/.test(name) || name === 'createBuffer' || name === 'createPeriodicWave') continue;
      const make = proto[name];
      if (typeof make !== 'function') continue;
      proto[name] = function (...args) { return keep(probe.nodes, make.apply(this, args)); };
    }
  }
  const W = w.Worker;
  if (W) {
    w.Worker = class extends W {
      constructor(...args) { super(...args); this.__alive = true; keep(probe.workers, this); }
      terminate() { this.__alive = false; return super.terminate(); }
    };
  }
  const make = Document.prototype.createElement;
  Document.prototype.createElement = function (tag, ...rest) {
    const el = make.call(this, tag, ...rest);
    if (/^(audio|video)$/i.test(String(tag))) keep(probe.media, el);
    return el;
  };
  if (w.Audio) {
    const A = w.Audio;
    w.Audio = function (...args) { return keep(probe.media, new A(...args)); };
    w.Audio.prototype = A.prototype;
  }
  const md = navigator.mediaDevices;
  if (md && md.getUserMedia) {
    const gum = md.getUserMedia.bind(md);
    md.getUserMedia = async (...args) => {
      const stream = await gum(...args);
      for (const t of stream.getTracks()) keep(probe.tracks, t);
      return stream;
    };
  }

  const st = w.setTimeout, ct = w.clearTimeout, si = w.setInterval, ci = w.clearInterval;
  w.setTimeout = function (fn, ms, ...args) {
    const id = st.call(w, (...a) => { probe.timeouts.delete(id); if (typeof fn === 'function') return fn(...a); }, ms, ...args);
    probe.timeouts.set(id, Number(ms) || 0);
    return id;
  };
  w.clearTimeout = function (id) { probe.timeouts.delete(id); probe.intervals.delete(id); return ct.call(w, id); };
  w.setInterval = function (fn, ms, ...args) { const id = si.call(w, fn, ms, ...args); probe.intervals.add(id); return id; };
  w.clearInterval = function (id) { probe.intervals.delete(id); probe.timeouts.delete(id); return ci.call(w, id); };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ at: performance.timeOrigin + e.startTime, ms: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing in this browser */ }
  w.addEventListener('error', (e) => probe.errors.push(String(e.message)));

  // The moments the UI shows an incoming call, the hold timer and a check-in alert; every
  // registration status text; every button clicked (page clock, so no polling error).
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest ? e.target.closest('button') : null;
    if (b) probe.clicks.push({ at: now(), name: (b.getAttribute('aria-label') || b.childNodes[0]?.textContent || '').trim() });
  }, true);
  const watch = () => {
    let ringing = null, status = '', holdTimer = null, checkIn = null;
    new MutationObserver(() => {
      const panel = document.querySelector('[aria-label="Incoming call"], [aria-label="来电"]');
      if (panel && panel !== ringing) probe.incoming.push(now());
      ringing = panel;
      const timer = document.querySelector('[role="timer"][aria-label="Hold time"]');
      if (timer && timer !== holdTimer) probe.holdShown.push(now());
      holdTimer = timer;
      const alert = [...document.querySelectorAll('[role="alert"]')].find((a) => [...a.querySelectorAll('button')].some((x) => (x.childNodes[0]?.textContent || '').trim() === 'Checked in')) || null;
      if (alert && alert !== checkIn) probe.checkIns.push(now());
      checkIn = alert;
      const reg = document.querySelector('[role="status"][aria-label="Registration"], [role="status"][aria-label="注册状态"]');
      const text = reg ? (reg.textContent || '').trim() : '';
      if (text !== status) { probe.registration.push({ at: now(), text }); status = text; }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch); else watch();
})()`;

export interface PageCounts {
  /**
   * RTCPeerConnections ever made, still alive after GC, alive but not closed, and alive although
   * closed more than 40 s ago: JsSIP's transactions keep a call's session (and its connection)
   * for 32 s after the last request (RFC 6026 timers), so only those older ones are leaks.
   */
  peerConnections: { made: number; alive: number; open: number; leaked: number };
  audioContexts: { made: number; alive: number; running: number };
  audioNodes: { made: number; alive: number };
  mediaElements: { made: number; alive: number };
  /** Microphone tracks still live (not stopped). */
  liveTracks: number;
  workers: { made: number; running: number };
  /** setTimeouts not yet fired; of them, those of more than 64 s (SIP transaction timers are shorter). */
  pendingTimeouts: number;
  longTimeouts: number;
  intervals: number;
  listeners: { window: number; document: number };
}

export interface LongTask { at: number; ms: number }

/** The init script: call before the page's first navigation. */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(PROBE_SCRIPT);
}

export class PageProbe {
  private constructor(readonly page: Page, private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<PageProbe> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Runtime.enable');
    return new PageProbe(page, cdp);
  }

  /** A full GC, twice (WeakRefs let go only after the job that read them has ended). */
  async collectGarbage(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      await this.cdp.send('HeapProfiler.collectGarbage');
      await this.page.evaluate('new Promise((r) => setTimeout(r, 50))');
    }
  }

  /** JS heap in use after a GC (bytes). */
  async heapAfterGc(): Promise<number> {
    await this.collectGarbage();
    const usage = await this.cdp.send('Runtime.getHeapUsage');
    return usage.usedSize;
  }

  private async listenersOn(expression: string): Promise<number> {
    const { result } = await this.cdp.send('Runtime.evaluate', { expression });
    if (!result.objectId) return 0;
    const { listeners } = await this.cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    await this.cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return listeners.length;
  }

  /** What the page holds now, after a GC. */
  async counts(): Promise<PageCounts> {
    await this.collectGarbage();
    const inPage = (await this.page.evaluate(`(() => {
      const p = window.__probe;
      const alive = (list) => list.map((r) => r.deref()).filter(Boolean);
      const pcs = alive(p.pcs), ctxs = alive(p.contexts);
      return {
        peerConnections: {
          made: p.pcs.length, alive: pcs.length, open: pcs.filter((pc) => pc.signalingState !== 'closed').length,
          leaked: pcs.filter((pc) => pc.__closedAt !== undefined && performance.timeOrigin + performance.now() - pc.__closedAt > 40000).length,
        },
        audioContexts: { made: p.contexts.length, alive: ctxs.length, running: ctxs.filter((c) => c.state !== 'closed').length },
        audioNodes: { made: p.nodes.length, alive: alive(p.nodes).length },
        mediaElements: { made: p.media.length, alive: alive(p.media).length },
        liveTracks: alive(p.tracks).filter((t) => t.readyState === 'live').length,
        workers: { made: p.workers.length, running: alive(p.workers).filter((x) => x.__alive).length },
        pendingTimeouts: p.timeouts.size,
        longTimeouts: [...p.timeouts.values()].filter((ms) => ms > 64000).length,
        intervals: p.intervals.size,
      };
    })()`)) as Omit<PageCounts, 'listeners'>;
    return { ...inPage, listeners: { window: await this.listenersOn('window'), document: await this.listenersOn('document') } };
  }

  /** Inbound audio RTP over the page's open peer connections (getStats): received, and lost by sequence gaps. */
  async inboundAudio(): Promise<{ received: number; lost: number }> {
    return this.page.evaluate(`(async () => {
      const out = { received: 0, lost: 0 };
      for (const ref of window.__probe.pcs) {
        const pc = ref.deref();
        if (!pc || pc.signalingState === 'closed') continue;
        (await pc.getStats()).forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') { out.received += s.packetsReceived || 0; out.lost += s.packetsLost || 0; }
        });
      }
      return out;
    })()`) as Promise<{ received: number; lost: number }>;
  }

  async longTasks(): Promise<LongTask[]> {
    return this.page.evaluate('window.__probe.longTasks') as Promise<LongTask[]>;
  }

  /** Page-clock times (epoch ms) at which the Incoming call panel appeared. */
  async incomingMarks(): Promise<number[]> {
    return this.page.evaluate('window.__probe.incoming') as Promise<number[]>;
  }

  /** Page-clock times the hold timer and check-in alerts appeared, and of every button click. */
  async holdMarks(): Promise<{ holdShown: number[]; checkIns: number[]; clicks: Array<{ at: number; name: string }> }> {
    return this.page.evaluate('({ holdShown: window.__probe.holdShown, checkIns: window.__probe.checkIns, clicks: window.__probe.clicks })') as Promise<{ holdShown: number[]; checkIns: number[]; clicks: Array<{ at: number; name: string }> }>;
  }

  /** Every registration status text the page showed, with its page-clock time. */
  async registrationMarks(): Promise<Array<{ at: number; text: string }>> {
    return this.page.evaluate('window.__probe.registration') as Promise<Array<{ at: number; text: string }>>;
  }

  /** Answers within `ms`? A frozen main thread does not. */
  async responsive(ms = 2_000): Promise<boolean> {
    const answer = this.page.evaluate('1 + 1').then(() => true, () => false);
    const late = new Promise<boolean>((r) => setTimeout(() => r(false), ms));
    return Promise.race([answer, late]);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
