// Renderer entry: ask the host for settings and content, start the phone (its actors and the
// engine adapter), and render. Every view below is derived from the actors' snapshots.
import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { fromContentData } from '../core/pack/contentData.ts';
import { greetingMissing, packForLang } from '../core/guidance/greeting.ts';
import { resolveTier } from '../core/guidance/tier.ts';
import { guidanceFor, phraseContext, phraseFor, type GuidanceEnv } from '../core/guidance/callGuidance.ts';
import { scenarioForEvent } from '../core/guidance/scenarios.ts';
import { resolveTimings } from '../core/timings.ts';
import type { Tier } from '../core/config.ts';
import { focusCall, type CallNotice, type CallView, type PhraseKey } from '../core/call/index.ts';
import type { CallEvent as ScenarioEvent } from '../core/pack/schema.ts';
import { getBridge } from './bridge.ts';
import { initI18n } from './i18n/index.ts';
import { playAlertTone } from './phone/alertSound.ts';
import { PhoneAdapter } from './phone/phoneAdapter.ts';
import { tapCall } from './audio/coachingTap.ts';
import { createRuleClock } from './phone/ruleClock.ts';
import { summaryOf } from '../core/call/summary.ts';
import { nextDue } from '../core/guidance/nextDue.ts';
import { App } from './ui/App.tsx';
import { startRecords } from './records/records.ts';
import { keepTasks, pageStorage } from './phone/savedTasks.ts';
import { RecordsContext } from './records/RecordsContext.tsx';
import type { SayExtra } from './ui/say.ts';
import { createFlag, followSettings, readSettings, reloadHeldBy, type Flag, type SettingsFollower } from './settingsFollow.ts';
import './ui/app.css';

async function boot(): Promise<void> {
  const bridge = getBridge();
  // Settings never carry the SIP password: only this page's engine asks for it (docs/security.md §1).
  const booted = await readSettings(bridge);
  const { settings, config } = booted;
  await initI18n(config.lang);
  const t = i18next.t.bind(i18next);
  // A broken pack is reported and left out; the others (the last good content) still load.
  let content = fromContentData(await bridge.loadContent());
  for (const e of content.errors) bridge.log({ level: 'warn', message: `${e.file}:${e.line}: ${e.message}` });
  const pack = packForLang(content.packs, config.pack, config.lang) ?? content.packs.get(config.pack);
  if (!pack) bridge.log({ level: 'error', message: `content pack "${config.pack}" is not loaded: no guidance` });
  const { timings, rejected } = resolveTimings(pack?.timings, config.timings);
  for (const r of rejected) bridge.log({ level: 'warn', message: `timing ignored: ${r}` });

  const clock = createRuleClock();
  const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
  // Header (unless IT ignores it), then IT's directory, then the CRM through the host
  // (time-boxed; ringing never waits). Resolved once per call; the call actor keeps it.
  const identify = (number: string, headerTier: Tier | undefined) =>
    resolveTier({
      ...(config.headers?.ignoreTier ? {} : { headerTier }), number, directory: content.directory, timers,
      ...(config.crm ? { crmLookup: (n: string) => bridge.lookupCaller(n), timeoutMs: config.crm.timeoutMs + 50 } : {}),
    });
  let env: GuidanceEnv = {
    pack, calendars: content.calendars, agent: config.agent,
    timeZone: config.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  /** The text of a phrase for a call, by key: one resolver for every view. */
  const say = (call: CallView, key: PhraseKey, step?: number, extra?: SayExtra) => phraseFor(key, phraseContext(call, env, clock.now(), step, extra));

  const notify = (title: string, body: string, tag: string, urgent = false) => {
    void bridge.notify({ title, body: body.slice(0, 1000), tag, urgent }).catch(() => {});
  };
  /** A call event switches the call to the pack's script for it, if there is one. */
  const scenarioOn = (call: CallView, event: ScenarioEvent) => {
    const choice = env.pack && scenarioForEvent(env.pack, event);
    if (choice) phone.actOn(call.id, { type: 'AGENT.CHOOSE_SCENARIO', id: choice.scenario.id, reason: 'event' });
  };
  const onNotice = (notice: CallNotice, call: CallView) => {
    switch (notice.type) {
      case 'alert.checkIn':
        playAlertTone(notice.level);
        if (notice.level >= 2 || document.hidden) notify(t('notify.checkIn'), say(call, 'hold.checkIn'), 'check-in', notice.level === 3);
        return;
      case 'alert.callbackOffer':
        scenarioOn(call, 'hold-limit');
        notify(t('notify.callbackOffer'), say(call, 'hold.callbackOffer'), 'callback-offer', true);
        return;
      case 'alert.silence': scenarioOn(call, 'silence'); return;
      case 'coach.lowVolume': scenarioOn(call, 'low-volume'); return;
      case 'guide.phrase':
        if (notice.key === 'transfer.failed') scenarioOn(call, 'transfer-failed');
        if (notice.key === 'harassment.warning') scenarioOn(call, 'harassment');
        return;
      case 'record':
        bridge.log({ level: 'info', message: `call record: ${notice.kind}${notice.reason ? ` (${notice.reason})` : ''}` });
        return;
      default:
    }
  };
  /** Callers refused before ringing (issue 14 §4), logged in batches: a flood is one line, not hundreds. */
  const refused: string[] = [];
  function logRefusals(r: { status: number; reason: string; detail: string; number: string }): void {
    if (refused.push(`${r.number || '?'}: ${r.status} ${r.reason} (${r.detail})`) > 1) return;
    setTimeout(() => bridge.log({ level: 'warn', message: `refused ${refused.length} call(s) before ringing: ${refused.splice(0).slice(0, 5).join('; ')}` }), 5_000);
  }
  const phone: PhoneAdapter = new PhoneAdapter({
    config, timings, clock, identify, onNotice,
    silentWaits: pack?.silentCall.steps.map((s) => s.waitMs ?? timings.silentWait),
    ...(config.musicOnHold ? { holdMusicUrl: `./${pack?.holdMusic ?? 'hold-music.wav'}` } : {}),
    // Speech coaching (issue 12): the pack's N11 band, and the audio tap unless turned off.
    ...(config.coaching ? { coach: tapCall } : {}),
    ...(pack?.speakingRate ? { limits: { speakingRate: { min: pack.speakingRate.min, max: pack.speakingRate.max } } } : {}),
    onRefused: logRefusals,
    // A hang-up made while the connection was down (its BYE waits for it, at most 32 s): into the host's log.
    onLateHangup: ({ id, bye, waitedMs }) => bridge.log(bye === 'not-sent'
      ? { level: 'warn', message: `call ${id}: hung up while not connected; no connection within ${waitedMs} ms, BYE not sent: the caller may stay on the line until their own timeout` }
      : { level: 'info', message: `call ${id}: hung up while not connected; ${bye === 'sent' ? 'BYE sent' : 'the caller hung up'} ${waitedMs} ms later` }),
    onTaskDue: (task) => notify(t(task.kind === 'emergency' ? 'notify.emergencyDue' : 'notify.callbackDue'), task.number, task.id, true),
    clipUrl: config.lang === 'en' ? './caller-en.wav' : './caller-zh.wav',
  });

  const guidanceNow = () => guidanceFor(focusCall(phone.view()), env, clock.now());
  phone.subscribe(() => {
    const view = phone.getSnapshot();
    const call = focusCall(view);
    const guidance = guidanceFor(call, env, clock.now());
    // N10: an emergency script on a connected call opens the case (its progress-update task).
    if (call?.phase === 'connected' && guidance.script?.emergency && call.emergencyAt === undefined) {
      phone.actOn(call.id, { type: 'AGENT.MARK_EMERGENCY' });
    }
    const due = call && nextDue(call.rules.rules);
    bridge.publishSummary({ ...summaryOf(view, guidance, (c) => (c.rules.phraseKey ? say(c, c.rules.phraseKey, c.rules.phraseStep) : '')), ...(due ? { due } : {}) });
  });
  const moveStep = (delta: number) => {
    const call = focusCall(phone.view());
    const steps = guidanceNow().script?.steps.length ?? 0;
    if (call && steps) phone.actOn(call.id, { type: 'AGENT.STEP', delta, of: steps });
  };
  const prefill = new Set<(number: string) => void>();
  bridge.onCommand((command) => {
    switch (command.type) {
      case 'answer': phone.answer(); return;
      case 'hangup': phone.hangup(); return; // refused by the statechart while the lock holds
      case 'hold-toggle': phone.act({ type: phone.view().active?.rules.phase === 'onHold' ? 'AGENT.RESUME' : 'AGENT.HOLD_REQUEST' }); return;
      case 'closing': phone.act({ type: 'AGENT.CLOSING' }); return;
      case 'next-step': moveStep(1); return;
      case 'previous-step': moveStep(-1); return;
      case 'dial': phone.dial(command.number); return;
      // A tel:/sip: link only fills the dial box: the agent presses Call.
      case 'prefill': for (const fill of prefill) fill(command.number); return;
      case 'content-changed': reloadContent().catch((e: unknown) => bridge.log({ level: 'warn', message: `content not reloaded: ${(e as Error).message}` })); return;
      case 'settings-changed': void settingsFollow.changed(); return;
    }
  });
  // Open call-back and emergency tasks survive a reload (N5, N10): restored before the records
  // start, so a record left open by the page that is gone takes its task's progress here.
  keepTasks(phone.actor, pageStorage(), (message) => bridge.log({ level: 'warn', message }));
  // Call records (issue 11): the recorder follows the phone actor from the first call on.
  const records = startRecords({ phone: phone.actor, bridge, config, now: clock.now, timeZone: env.timeZone });
  // New settings from the host: a reload registers with them, once no call is in progress.
  const settingsShown = createFlag();
  const settingsFollow = followSettings({
    editing: settingsShown,
    booted, read: () => readSettings(bridge), phone, settled: () => records.settled(), reload: () => location.reload(),
    log: (message) => bridge.log({ level: 'info', message }),
  });
  // G1: a greeting that says the agent's name or ID never starts without it (nothing is dropped
  // from what the agent must say): no calls until the settings have it.
  const missing = pack ? greetingMissing(pack, config.agent) : [];
  const blocked = missing.length ? missing.map((f) => t(`settings.needs.${f}`)).join(' ') : undefined;
  if (blocked) bridge.log({ level: 'warn', message: `not taking calls: the greeting needs ${missing.join(', ')}` });
  else phone.start();
  window.addEventListener('beforeunload', () => phone.stop());
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  const reactRoot = createRoot(root);
  const render = () => reactRoot.render(
    <RecordsContext value={records}>
      <SettingsUpdate follower={settingsFollow} phone={phone} editing={settingsShown} />
      <App blocked={blocked} onSettingsShown={settingsShown.set} phone={phone} env={env} now={clock.now} settings={settings} content={content} bridge={bridge} say={say} moveStep={moveStep}
        onPrefill={(fill) => { prefill.add(fill); return () => { prefill.delete(fill); }; }} />
    </RecordsContext>,
  );
  /**
   * The host's content files changed (issue 14 §6): scripts, phrases, calendars and the directory
   * are used from the next view on — a broken file keeps its last good version, and its error is
   * shown. The phone's timings and the hold music stay as they were at start.
   */
  async function reloadContent(): Promise<void> {
    content = fromContentData(await bridge.loadContent());
    for (const e of content.errors) bridge.log({ level: 'warn', message: `${e.file}:${e.line}: ${e.message}` });
    env = { ...env, pack: packForLang(content.packs, config.pack, config.lang) ?? content.packs.get(config.pack), calendars: content.calendars };
    render();
  }
  render();
}

/**
 * A quiet line while IT's new settings wait for a call (or call-back tasks) to end. Always in the
 * page, empty otherwise: a live region announces text that appears in it, not one that appears.
 */
function SettingsUpdate({ follower, phone, editing }: { follower: SettingsFollower; phone: PhoneAdapter; editing: Flag }) {
  const { t } = useTranslation();
  const waiting = useSyncExternalStore(follower.subscribe, follower.waiting);
  const view = useSyncExternalStore(phone.subscribe, phone.getSnapshot);
  const dialogOpen = useSyncExternalStore(editing.subscribe, editing.active);
  const heldBy = waiting ? reloadHeldBy(view, dialogOpen) : undefined;
  return <div role="status" aria-label={t('settingsUpdate')} className="settings-update">{heldBy ? t(`settingsUpdate.${heldBy}`) : ''}</div>;
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `SeatMate could not start: ${(error as Error).message}`;
  console.error(error);
});
