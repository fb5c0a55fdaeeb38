// What the overlay shows for the current call: the greeting (derived from tier, time and pack),
// the scenario script and the agent's place in it. The scenario comes from the INVITE (header,
// IVR path), from call events (hold past the limit, failed transfer, silence, harassment), or
// from the agent's choice — the latest wins.
import type { AppConfig } from '../../core/config.ts';
import type { Calendar, Pack } from '../../core/pack/load.ts';
import type { CallEvent } from '../../core/pack/schema.ts';
import { chooseClosing, chooseGreeting, type Closing, type Greeting } from '../../core/guidance/greeting.ts';
import { renderPhrase } from '../../core/guidance/template.ts';
import { renderScript, scenarioById, scenarioForCall, scenarioForEvent, type Script } from '../../core/guidance/scenarios.ts';
import type { CallView } from '../phone/phoneController.ts';

export interface GuidanceView {
  callId?: string;
  greeting?: Greeting;
  closing?: Closing;
  script?: Script;
  scenarioReason?: 'header' | 'ivr' | 'event' | 'agent';
  step: number;
}

export class GuidanceStore {
  private view: GuidanceView = { step: 0 };
  private scenarioId: string | undefined;
  private readonly listeners = new Set<() => void>();
  private call: CallView | undefined;
  private ringAt = 0;

  constructor(
    private readonly pack: Pack | undefined,
    private readonly calendars: readonly Calendar[],
    private readonly config: AppConfig,
    private readonly now: () => number,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): GuidanceView => this.view;

  private get timeZone(): string {
    return this.config.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  /** Follow the phone's current call (ringing or active). */
  follow(call: CallView | undefined): void {
    if (call?.id !== this.call?.id) {
      this.call = call;
      this.ringAt = this.now();
      this.scenarioId = undefined;
      this.view = { step: 0 };
      if (call && this.pack) {
        const choice = scenarioForCall(this.pack, { scenario: call.scenario, ivrPath: call.ivrPath });
        if (choice) { this.scenarioId = choice.scenario.id; this.view.scenarioReason = choice.reason; }
      }
      this.recompute();
    } else if (call && this.call && (call.tier !== this.call.tier || call.surname !== this.call.surname || call.title !== this.call.title || call.transferredIn !== this.call.transferredIn)) {
      // A late tier (directory/CRM) changes the greeting and the script's tier wording.
      this.call = call;
      this.recompute();
    } else {
      this.call = call;
    }
  }

  private recompute(): void {
    const call = this.call;
    const pack = this.pack;
    if (!call || !pack) {
      this.set({ step: 0 });
      return;
    }
    const caller = call.surname ? { surname: call.surname, title: call.title ?? '' } : undefined;
    // The greeting is chosen as the call rings (the agent reads it before answering).
    const instant = this.ringAt;
    const common = { tier: call.tier, instant, timeZone: this.timeZone, pack, calendars: this.calendars, caller };
    let greeting = chooseGreeting({ ...common, agent: this.config.agent });
    if (call.transferredIn) {
      // The receiving agent's greeting (001: 您好,*号为您服务), not the hotline's opening line.
      const phrase = renderPhrase(pack.transferIn, call.tier, { hotline: pack.hotline, agentId: this.config.agent.id, ...(this.config.agent.name ? { agentName: this.config.agent.name } : {}) });
      greeting = { ...greeting, text: phrase.text, sources: phrase.sources };
    }
    const closing = chooseClosing({ ...common, agent: this.config.agent });
    const scenario = this.scenarioId ? scenarioById(pack, this.scenarioId) : undefined;
    const script = scenario
      ? renderScript(pack, scenario, call.tier, {
          agentId: this.config.agent.id,
          ...(this.config.agent.name ? { agentName: this.config.agent.name } : {}),
          ...(caller ? { surname: caller.surname, title: caller.title } : {}),
        })
      : undefined;
    const step = script ? Math.min(this.view.step, script.steps.length - 1) : 0;
    this.set({ ...this.view, callId: call.id, greeting, closing, script, step });
  }

  private set(view: GuidanceView): void {
    this.view = view;
    for (const l of this.listeners) l();
  }

  chooseScenario(id: string, reason: GuidanceView['scenarioReason'] = 'agent'): void {
    if (!this.pack || !scenarioById(this.pack, id)) return;
    this.scenarioId = id;
    this.view = { ...this.view, scenarioReason: reason, step: 0 };
    this.recompute();
  }

  /** A call event switches to the pack's script for it, if there is one. */
  onCallEvent(event: CallEvent): void {
    const choice = this.pack && scenarioForEvent(this.pack, event);
    if (choice) this.chooseScenario(choice.scenario.id, 'event');
  }

  moveStep(delta: number): void {
    const steps = this.view.script?.steps.length ?? 0;
    if (!steps) return;
    const step = Math.max(0, Math.min(steps - 1, this.view.step + delta));
    if (step !== this.view.step) this.set({ ...this.view, step });
  }
}
