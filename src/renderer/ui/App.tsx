// The agent window. Everything here is a view of the phone's actors (PhoneAdapter's screen,
// derived from the call actors' snapshots) and of the guidance chosen for the focused call.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedSettings, SeatMateBridge } from '../../core/bridge.ts';
import type { LoadedContent } from '../../core/pack/load.ts';
import { focusCall, type CallView, type PhraseKey } from '../../core/call/index.ts';
import { guidanceFor, type GuidanceEnv } from '../../core/guidance/callGuidance.ts';
import { scenarioTitle } from '../../core/guidance/scenarios.ts';
import type { PhoneAdapter } from '../phone/phoneAdapter.ts';
import { Guidance } from './Guidance.tsx';
import type { SayExtra } from './say.ts';
import { CallbackList } from './CallbackList.tsx';
import { DialBox } from './DialBox.tsx';
import { InCall } from './InCall.tsx';
import { IncomingCall } from './IncomingCall.tsx';
import { RegistrationStatus } from './RegistrationStatus.tsx';
import { Settings } from './Settings.tsx';
import { RecordsButton } from '../records/RecordsButton.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';

interface Props {
  phone: PhoneAdapter;
  env: GuidanceEnv;
  now: () => number;
  say: (call: CallView, key: PhraseKey, step?: number, extra?: SayExtra) => string;
  moveStep: (delta: number) => void;
  onPrefill: (fill: (number: string) => void) => () => void;
  settings: ResolvedSettings;
  content: LoadedContent;
  bridge: SeatMateBridge;
  /** G1: why the phone is not taking calls (the greeting needs the agent's name or ID); settings open. */
  blocked?: string;
  /** Told when the Settings dialog opens and closes: IT's new settings wait for it (settingsFollow.ts). */
  onSettingsShown?: (shown: boolean) => void;
}

export function App({ phone, env, now, say, moveStep, onPrefill, settings, content, bridge, blocked, onSettingsShown }: Props) {
  const { t } = useTranslation();
  const view = useSyncExternalStore(phone.subscribe, phone.getSnapshot);
  const [showSettings, setShowSettings] = useState(blocked !== undefined);
  useEffect(() => { onSettingsShown?.(showSettings); }, [showSettings, onSettingsShown]);
  const { config } = settings;
  const pack = env.pack;
  const focus = focusCall(view);
  // The greeting is chosen for the moment the call was answered; a ringing call gets a preview.
  const guide = useMemo(() => guidanceFor(focus, env, now()), [focus, env, now]);
  const scenarios = (pack?.scenarios ?? []).map((s) => ({ id: s.id, title: scenarioTitle(s, pack?.lang ?? config.lang) }));
  const ended = view.lastEnded;
  return (
    <main className="app">
      <header>
        <h1>{t('app.title')}</h1>
        <RegistrationStatus view={view} />
        <button onClick={() => setShowSettings(!showSettings)} aria-expanded={showSettings}>{t('settings')}</button>
        <RecordsButton />
      </header>
      {blocked && <p role="alert" className="content-errors">{blocked}</p>}
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
      {/* The desk: the call, then its guidance, then the rest. One column on a half-width window
          (app.css), two on a laptop, three on a full-HD screen. */}
      <div className="desk">
        <div className="phone">
          {view.incoming && <IncomingCall call={view.incoming} onAnswer={() => phone.answer()} onDecline={() => phone.decline()} />}
          {view.active && <InCall call={view.active} phone={phone} say={(key, step, extra) => say(view.active!, key, step, extra)} issue={guide.script?.title} />}
          {view.parked && (
            <InCall call={view.parked} phone={phone} say={(key, step, extra) => say(view.parked!, key, step, extra)} waiting
              canResume={!view.active || view.active.rules.phase === 'onHold'} />
          )}
          {!view.active && !view.parked && (
            <DialBox onDial={(n) => phone.dial(n)} onPrefill={onPrefill} disabled={view.registration.state !== 'registered' || Boolean(view.incoming)} />
          )}
          {!view.active && !view.incoming && ended && (
            <p className="last-call" role="status" aria-label={t('call.ended')}>
              {ended.ended?.status && ended.ended.status >= 300
                ? t('call.failed', { cause: `${ended.ended.status} ${ended.ended.cause}` })
                : `${t('call.ended')} · ${ended.number}`}
              {ended.rules.records.map((r) => (
                <span key={`${r.kind}-${r.at}`} className="record"> · {t(`call.record.${r.kind}`)}{r.reason && r.kind === 'system-hangup' ? ` (${r.reason})` : ''}</span>
              ))}
            </p>
          )}
          <CallbackList phone={phone} tasks={view.tasks} />
        </div>
        <div className="guide">
          {pack && focus && (
            <Guidance guide={guide} pack={pack} call={focus} moveStep={moveStep}
              onChoose={(id) => phone.actOn(focus.id, { type: 'AGENT.CHOOSE_SCENARIO', id })}
              onGreeted={view.active?.id === focus.id ? () => phone.actOn(focus.id, { type: 'AGENT.GREETED' }) : undefined} />
          )}
        </div>
        {config.mode === 'training' && (
          <div className="side">
            <TrainingPanel phone={phone} view={view} scenarios={scenarios} />
          </div>
        )}
      </div>
    </main>
  );
}
