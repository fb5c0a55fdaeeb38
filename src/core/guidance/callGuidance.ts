// The guidance for one call, derived from the call's own facts (tier, caller, the INVITE's
// scenario, the agent's choice and step, when it was answered) and the content in force:
//  - the greeting is chosen for the moment the call was answered (a call that rings Friday
//    17:59:58 and is answered at 18:00:05 gets 周末快乐), previewed at `now` while it rings;
//  - every phrase the controls ask for is resolved by one function, `phraseFor`, in the call's
//    context, so the closing on screen and in the overlay is the one chooseClosing picked
//    (Friday: 周末愉快, 001).
import type { Tier } from '../config.ts';
import type { Calendar, Pack } from '../pack/load.ts';
import type { PhraseKey, ScenarioReason } from '../call/types.ts';
import type { CallView } from '../call/views.ts';
import { chooseClosing, chooseGreeting, type Caller, type Closing, type Greeting } from './greeting.ts';
import { renderScript, phraseByRef, scenarioById, scenarioForCall, type Script } from './scenarios.ts';
import { renderPhrase, renderTemplate, tierText, type TemplateVars } from './template.ts';

export interface GuidanceEnv {
  pack: Pack | undefined;
  calendars: readonly Calendar[];
  agent: { id: string; name?: string };
  timeZone: string;
}

export interface GuidanceView {
  callId?: string;
  greeting?: Greeting;
  closing?: Closing;
  script?: Script;
  scenarioReason?: ScenarioReason;
  step: number;
}

/** The facts of a call that guidance reads (a CallView has them all). */
export type GuidanceFacts = Pick<CallView, 'id' | 'tier' | 'surname' | 'title' | 'invite' | 'scenario' | 'step' | 'answeredAt' | 'connectedAt' | 'closingAt'>;

export interface PhraseContext {
  pack: Pack | undefined;
  calendars: readonly Calendar[];
  timeZone: string;
  agent: { id: string; name?: string };
  tier: Tier;
  caller?: Caller;
  /** The moment the phrase is said (the closing's Friday wish depends on it). */
  instant: number;
  /** For the silent-call sequence: which of its steps. */
  step?: number;
  /** T1: where a transfer takes the caller — named in the transfer phrases, never a literal "xxxx". */
  transfer?: { label: string; number: string };
  /** The caller's issue (the script's title), for the expert-seat phrase. */
  issue?: string;
}

/** G6: the caller as X先生 / X女士 where the surname is known; the pack's wording decides which phrases say it. */
function callerOf(call: Pick<CallView, 'surname' | 'title'>): Caller | undefined {
  return call.surname ? { surname: call.surname, title: call.title ?? '' } : undefined;
}

function varsOf(ctx: Pick<PhraseContext, 'agent' | 'caller'> & Partial<Pick<PhraseContext, 'transfer' | 'issue'>>): TemplateVars {
  return {
    agentId: ctx.agent.id,
    ...(ctx.agent.name ? { agentName: ctx.agent.name } : {}),
    ...(ctx.caller ? { surname: ctx.caller.surname, title: ctx.caller.title } : {}),
    ...(ctx.transfer ? { target: ctx.transfer.label, targetNumber: ctx.transfer.number } : {}),
    ...(ctx.issue ? { issue: ctx.issue } : {}),
  };
}

/** The text of the phrase `key` in the call's context; '' when no pack is loaded. */
export function phraseFor(key: PhraseKey, ctx: PhraseContext): string {
  const { pack } = ctx;
  if (!pack) return '';
  if (key === 'replies.closing') {
    return chooseClosing({ tier: ctx.tier, instant: ctx.instant, timeZone: ctx.timeZone, pack, calendars: ctx.calendars, agent: ctx.agent, ...(ctx.caller ? { caller: ctx.caller } : {}) }).text;
  }
  const phrase = key === 'silent.prompt' || key === 'silent.closing'
    ? pack.silentCall.steps[Math.min(ctx.step ?? 0, pack.silentCall.steps.length - 1)]
    : key === 'transfer.busy' ? pack.transfer.busy ?? pack.transfer.failed
    : phraseByRef(pack, key);
  return phrase ? renderTemplate(tierText(phrase, ctx.tier), { hotline: pack.hotline, ...varsOf(ctx) }) : '';
}

/** The phrase context of one call at `now`; the closing is resolved for when the agent began it. */
export function phraseContext(call: GuidanceFacts & Partial<Pick<CallView, 'rules'>>, env: GuidanceEnv, now: number, step?: number,
  extra: Pick<PhraseContext, 'transfer' | 'issue'> = {}): PhraseContext {
  const caller = callerOf(call);
  const t = call.rules?.transfer;
  const transfer = extra.transfer ?? (t ? { label: t.label, number: t.target } : undefined);
  return {
    pack: env.pack, calendars: env.calendars, timeZone: env.timeZone, agent: env.agent, tier: call.tier,
    ...(caller ? { caller } : {}), instant: call.closingAt ?? now, ...(step === undefined ? {} : { step }),
    ...(transfer ? { transfer } : {}), ...(extra.issue ? { issue: extra.issue } : {}),
  };
}

/** The greeting, closing and script for a call. Pure: the same facts give the same guidance. */
export function guidanceFor(call: GuidanceFacts | undefined, env: GuidanceEnv, now: number): GuidanceView {
  const pack = env.pack;
  if (!call || !pack) return { step: 0 };
  const caller = callerOf(call);
  // Chosen as the call connects (answer); while it rings, a preview for now.
  const instant = call.answeredAt ?? call.connectedAt ?? now;
  const common = { tier: call.tier, instant, timeZone: env.timeZone, pack, calendars: env.calendars, ...(caller ? { caller } : {}) };
  let greeting = chooseGreeting({ ...common, agent: env.agent });
  if (call.invite.transferredIn) {
    // T5: the receiving agent's greeting (001: 您好,*号为您服务), not the hotline's opening line.
    const phrase = renderPhrase(pack.transferIn, call.tier, { hotline: pack.hotline, ...varsOf({ agent: env.agent }) });
    greeting = { ...greeting, text: phrase.text, sources: phrase.sources };
  }
  const closing = chooseClosing({ ...common, instant: call.closingAt ?? now, agent: env.agent });
  const chosen = call.scenario
    ? { id: call.scenario.id, reason: call.scenario.reason as ScenarioReason }
    : (() => {
        const fromInvite = scenarioForCall(pack, { scenario: call.invite.scenario, ivrPath: call.invite.ivrPath });
        return fromInvite ? { id: fromInvite.scenario.id, reason: fromInvite.reason as ScenarioReason } : undefined;
      })();
  const scenario = chosen ? scenarioById(pack, chosen.id) : undefined;
  const rendered = scenario ? renderScript(pack, scenario, call.tier, varsOf({ agent: env.agent, ...(caller ? { caller } : {}) })) : undefined;
  // A step that says the greeting or the closing says the very text chosen above (salutation,
  // weekend/holiday wish, Friday closing), not the bare template.
  const script = rendered && {
    ...rendered,
    steps: rendered.steps.map((st) => (st.ref === 'greeting' ? { ...st, text: greeting.text }
      : st.ref === 'replies.closing' ? { ...st, text: closing.text } : st)),
  };
  const step = script ? Math.min(call.step, script.steps.length - 1) : 0;
  return {
    callId: call.id, greeting, closing, step,
    ...(script ? { script } : {}),
    ...(chosen && script ? { scenarioReason: chosen.reason } : {}),
  };
}
