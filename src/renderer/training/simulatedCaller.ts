// The training-mode caller: a second JsSIP user agent in the app that rings the agent through
// the in-page router, carrying real WebRTC media with a synthesized voice.
import JsSIP from 'jssip';
import type { UA } from 'jssip/lib/UA';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { Tier } from '../../core/config.ts';
import { releaseIceEarly } from '../engine/earlyIce.ts';
import type { LoopbackRouter } from './loopback.ts';
import { createCallerVoice, type CallerVoice } from './voice.ts';

export const TRAINING_DOMAIN = 'training.invalid';

export interface PracticeCall {
  tier: Tier;
  scenario?: string;
  number: string;
  displayName: string;
  silent?: boolean;
}

export type CallerState = 'idle' | 'calling' | 'talking';

export class SimulatedCaller {
  private ua: UA | undefined;
  private session: RTCSession | undefined;
  private voice: CallerVoice | undefined;
  private context: AudioContext | undefined;
  onState: (state: CallerState) => void = () => {};

  constructor(private readonly router: LoopbackRouter, private readonly agentUser: string, private readonly clipUrl: string) {}

  /** Must run inside the click that starts the practice call (autoplay policy). */
  async call(practice: PracticeCall): Promise<void> {
    if (this.session) return;
    this.context ??= new AudioContext();
    await this.context.resume();
    this.voice?.close();
    this.voice = await createCallerVoice(this.context, this.clipUrl);
    this.ua?.stop();
    const user = practice.number;
    const ua = new JsSIP.UA({
      sockets: [this.router.socket(user) as never],
      uri: `sip:${user}@${TRAINING_DOMAIN}`,
      display_name: practice.displayName,
      register: false,
      session_timers: false,
    });
    this.ua = ua;
    ua.start();
    const headers = [`X-Caller-Tier: ${practice.tier}`];
    if (practice.scenario) headers.push(`X-Scenario: ${practice.scenario}`);
    const voice = this.voice;
    const session = ua.call(`sip:${this.agentUser}@${TRAINING_DOMAIN}`, {
      mediaStream: voice.stream,
      extraHeaders: headers,
      pcConfig: { iceServers: [] },
    });
    releaseIceEarly(session, 100);
    // Hold/unhold re-INVITEs from the agent are answered by JsSIP itself.
    session.on('confirmed', () => {
      this.onState('talking');
      if (!practice.silent) voice.speak();
    });
    const done = () => {
      this.session = undefined;
      voice.silence();
      this.onState('idle');
    };
    session.on('ended', done);
    session.on('failed', done);
    this.session = session;
    this.onState('calling');
  }

  hangup(): void {
    this.session?.terminate();
  }


  stop(): void {
    this.hangup();
    this.ua?.stop();
    this.ua = undefined;
    this.voice?.close();
  }
}
