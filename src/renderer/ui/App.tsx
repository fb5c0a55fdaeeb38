import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeatMateBridge } from '../../core/bridge.ts';
import type { AppConfig } from '../../core/config.ts';
import type { PhoneController } from '../phone/phoneController.ts';
import { DialBox } from './DialBox.tsx';
import { InCall } from './InCall.tsx';
import { IncomingCall } from './IncomingCall.tsx';
import { RegistrationStatus } from './RegistrationStatus.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';

export function App({ phone, config }: { phone: PhoneController; config: AppConfig; bridge: SeatMateBridge }) {
  const { t } = useTranslation();
  const view = useSyncExternalStore(phone.subscribe, phone.getSnapshot);
  return (
    <main className="app">
      <header>
        <h1>{t('app.title')}</h1>
        <RegistrationStatus view={view} />
      </header>
      <div className="columns">
        <div className="phone">
          {view.incoming && <IncomingCall call={view.incoming} onAnswer={() => phone.answer()} onDecline={() => phone.decline()} />}
          {view.active && <InCall call={view.active} phone={phone} />}
          {!view.active && <DialBox onDial={(n) => phone.dial(n)} disabled={view.registration.state !== 'registered'} />}
          {!view.active && !view.incoming && view.lastEnded && (
            <p className="last-call" role="status" aria-label={t('call.ended')}>
              {view.lastEnded.endedStatus && view.lastEnded.endedStatus >= 300
                ? t('call.failed', { cause: `${view.lastEnded.endedStatus} ${view.lastEnded.endedCause ?? ''}` })
                : `${t('call.ended')} · ${view.lastEnded.number}`}
            </p>
          )}
          {config.mode === 'training' && <TrainingPanel phone={phone} view={view} scenarios={[]} />}
        </div>
      </div>
    </main>
  );
}
