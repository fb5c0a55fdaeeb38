import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedSettings, SeatMateBridge } from '../../core/bridge.ts';
import type { LoadedContent, Pack } from '../../core/pack/load.ts';
import type { GuidanceStore } from '../guidance/guidanceStore.ts';
import { Guidance } from './Guidance.tsx';
import type { CallView, PhoneController } from '../phone/phoneController.ts';
import type { CallbackTasks } from '../phone/callbackTasks.ts';
import type { PhraseKey } from '../../core/call/index.ts';
import { CallbackList } from './CallbackList.tsx';
import { DialBox } from './DialBox.tsx';
import { InCall } from './InCall.tsx';
import { IncomingCall } from './IncomingCall.tsx';
import { RegistrationStatus } from './RegistrationStatus.tsx';
import { Settings } from './Settings.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';

interface Props {
  phone: PhoneController; guidance: GuidanceStore; callbacks: CallbackTasks; pack: Pack | undefined;
  say: (call: CallView, key: PhraseKey, step?: number) => string; settings: ResolvedSettings; content: LoadedContent; bridge: SeatMateBridge }

export function App({ phone, guidance, callbacks, pack, say, settings, content, bridge }: Props) {
  const { t } = useTranslation();
  const view = useSyncExternalStore(phone.subscribe, phone.getSnapshot);
  const guide = useSyncExternalStore(guidance.subscribe, guidance.getSnapshot);
  const [showSettings, setShowSettings] = useState(false);
  const { config } = settings;
  const scenarios = (pack?.scenarios ?? []).map((s) => ({ id: s.id, title: config.lang === 'en' ? s.titleEn ?? s.title : s.title }));
  return (
    <main className="app">
      <header>
        <h1>{t('app.title')}</h1>
        <RegistrationStatus view={view} />
        <button onClick={() => setShowSettings(!showSettings)} aria-expanded={showSettings}>{t('settings')}</button>
      </header>
      {content.errors.length > 0 && (
        <p role="alert" className="content-errors">
          {t('content.errors', { count: content.errors.length })} {content.errors.slice(0, 3).map((e) => `${e.file}:${e.line}: ${e.message}`).join(' · ')}
        </p>
      )}
      {showSettings && (
        <Settings
          bridge={bridge}
          settings={settings}
          packs={[...content.packs.values()].map((p) => ({ id: p.id, hotline: p.hotline, lang: p.lang }))}
          onClose={() => setShowSettings(false)}
        />
      )}
      <div className="columns">
        <div className="phone">
          {view.incoming && <IncomingCall call={view.incoming} onAnswer={() => phone.answer()} onDecline={() => phone.decline()} />}
          {view.active && <InCall call={view.active} phone={phone} say={(key, step) => say(view.active!, key, step)} issue={guide.script?.title} />}
          {view.parked && (
            <InCall call={view.parked} phone={phone} say={(key, step) => say(view.parked!, key, step)} waiting
              canResume={!view.active || view.active.rules?.phase === 'onHold'} />
          )}
          {!view.active && !view.parked && <DialBox onDial={(n) => phone.dial(n)} disabled={view.registration.state !== 'registered'} />}
          {!view.active && !view.incoming && view.lastEnded && (
            <p className="last-call" role="status" aria-label={t('call.ended')}>
              {view.lastEnded.endedStatus && view.lastEnded.endedStatus >= 300
                ? t('call.failed', { cause: `${view.lastEnded.endedStatus} ${view.lastEnded.endedCause ?? ''}` })
                : `${t('call.ended')} · ${view.lastEnded.number}`}
              {view.lastEnded.rules?.records.map((r) => (
                <span key={`${r.kind}-${r.at}`} className="record"> · {t(`call.record.${r.kind}`)}{r.reason && r.kind === 'system-hangup' ? ` (${r.reason})` : ''}</span>
              ))}
            </p>
          )}
          <CallbackList tasks={callbacks} />
          {config.mode === 'training' && <TrainingPanel phone={phone} view={view} scenarios={scenarios} />}
        </div>
        <div className="guide">
          {pack && (
            <Guidance store={guidance} pack={pack} rules={(view.active ?? view.incoming)?.rules}
              onGreeted={view.active ? () => phone.act({ type: 'AGENT.GREETED' }) : undefined} />
          )}
        </div>
      </div>
    </main>
  );
}
