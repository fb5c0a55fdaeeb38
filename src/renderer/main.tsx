// Renderer entry: ask the host for settings and content, then wire the phone, its rules, the
// guidance overlay and the call-back tasks together, and render.
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { loadContent } from '../core/pack/load.ts';
import { packForLang } from '../core/guidance/greeting.ts';
import { resolveTier } from '../core/guidance/tier.ts';
import { resolveTimings } from '../core/timings.ts';
import type { Tier } from '../core/config.ts';
import type { CallNotice } from '../core/call/index.ts';
import { getBridge } from './bridge.ts';
import { initI18n } from './i18n/index.ts';
import { GuidanceStore } from './guidance/guidanceStore.ts';
import { phraseText } from './guidance/phrases.ts';
import { playAlertTone } from './phone/alertSound.ts';
import { CallbackTasks } from './phone/callbackTasks.ts';
import { PhoneController, type CallView } from './phone/phoneController.ts';
import { createRuleClock } from './phone/ruleClock.ts';
import { summaryOf } from './phone/summary.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

async function boot(): Promise<void> {
  const bridge = getBridge();
  const settings = await bridge.getSettings();
  const { config } = settings;
  await initI18n(config.lang);
  const t = i18next.t.bind(i18next);
  // A broken pack is reported and left out; the others (the last good content) still load.
  const content = loadContent(await bridge.loadContent());
  for (const e of content.errors) bridge.log({ level: 'warn', message: `${e.file}:${e.line}: ${e.message}` });
  const pack = packForLang(content.packs, config.pack, config.lang) ?? content.packs.get(config.pack);
  if (!pack) bridge.log({ level: 'error', message: `content pack "${config.pack}" is not loaded: no guidance` });
  const { timings, rejected } = resolveTimings(pack?.timings, config.timings);
  for (const r of rejected) bridge.log({ level: 'warn', message: `timing ignored: ${r}` });

  const clock = createRuleClock();
  const timers = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };
  // Header, then IT's directory, then the CRM through the host (time-boxed; ringing never waits).
  const tierOf = (number: string, headerTier: Tier | undefined) =>
    resolveTier({
      headers: { 'X-Caller-Tier': headerTier }, number, directory: content.directory, timers,
      ...(config.crm ? { crmLookup: (n: string) => bridge.lookupCaller(n), timeoutMs: config.crm.timeoutMs + 50 } : {}),
    });
  const guidance = new GuidanceStore(pack, content.calendars, config, () => Date.now());
  const vars = (call: CallView) => ({
    agentId: config.agent.id,
    ...(config.agent.name ? { agentName: config.agent.name } : {}),
    ...(call.surname ? { surname: call.surname, title: call.title ?? '' } : {}),
  });

  const notify = (title: string, body: string, tag: string, urgent = false) => {
    void bridge.notify({ title, body: body.slice(0, 1000), tag, urgent }).catch(() => {});
  };
  const onNotice = (notice: CallNotice, call: CallView) => {
    switch (notice.type) {
      case 'alert.checkIn':
        playAlertTone(notice.level);
        if (notice.level >= 2 || document.hidden) notify(t('notify.checkIn'), phraseText(pack, 'hold.checkIn', call.tier, vars(call)), 'check-in', notice.level === 3);
        return;
      case 'alert.callbackOffer':
        guidance.onCallEvent('hold-limit');
        notify(t('notify.callbackOffer'), phraseText(pack, 'hold.callbackOffer', call.tier, vars(call)), 'callback-offer', true);
        return;
      case 'alert.silence': guidance.onCallEvent('silence'); return;
      case 'callback.promised': callbacks.promise(notice.number, notice.dueAt); return;
      case 'guide.phrase':
        if (notice.key === 'transfer.failed') guidance.onCallEvent('transfer-failed');
        if (notice.key === 'harassment.warning') guidance.onCallEvent('harassment');
        return;
      case 'record':
        bridge.log({ level: 'info', message: `call record: ${notice.kind}${notice.reason ? ` (${notice.reason})` : ''}` });
        return;
      default:
    }
  };
  const phone: PhoneController = new PhoneController({
    config, timings, clock, resolveTier: tierOf, onNotice,
    clipUrl: config.lang === 'en' ? './caller-en.wav' : './caller-zh.wav',
  });
  const callbacks = new CallbackTasks(timings, clock, (number) => phone.dial(number),
    (task) => notify(t('notify.callbackDue'), task.number, task.id, true));

  phone.subscribe(() => {
    const v = phone.getSnapshot();
    guidance.follow(v.incoming ?? v.active);
    bridge.publishSummary(summaryOf(v, guidance.getSnapshot(), (call) =>
      (call.rules?.phraseKey ? phraseText(pack, call.rules.phraseKey, call.tier, vars(call), call.rules.phraseStep) : '')));
  });
  bridge.onCommand((command) => {
    const v = phone.getSnapshot();
    switch (command.type) {
      case 'answer': phone.answer(); return;
      case 'hangup': phone.hangup(); return; // refused by the statechart while the lock holds
      case 'hold-toggle': phone.act({ type: v.active?.rules?.phase === 'onHold' ? 'AGENT.RESUME' : 'AGENT.HOLD_REQUEST' }); return;
      case 'closing': phone.act({ type: 'AGENT.CLOSING' }); return;
      case 'next-step': guidance.moveStep(1); return;
      case 'previous-step': guidance.moveStep(-1); return;
      case 'dial': phone.dial(command.number); return;
    }
  });
  phone.start();
  window.addEventListener('beforeunload', () => phone.stop());
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <App phone={phone} guidance={guidance} callbacks={callbacks} pack={pack} settings={settings} content={content} bridge={bridge}
      say={(call, key, step) => phraseText(pack, key, call.tier, vars(call), step)} />,
  );
}

boot().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `SeatMate could not start: ${(error as Error).message}`;
  console.error(error);
});
