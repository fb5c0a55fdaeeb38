import { useTranslation } from 'react-i18next';
import type { PhoneView } from '../../core/call/index.ts';

export function RegistrationStatus({ view }: { view: PhoneView }) {
  const { t } = useTranslation();
  const { registration, mode } = view;
  let text: string;
  if (registration.state === 'failed') text = t(`registration.failed.${registration.reason ?? 'rejected'}`, { detail: registration.detail ?? '' });
  else if (registration.state === 'connecting' && registration.detail === 'not-connected') text = t('registration.notConnected');
  else if (registration.state === 'registered' && mode === 'training') text = t('registration.registeredTraining');
  else text = t(`registration.${registration.state}`);
  // Several servers (sip.ws): which one, and whether it is a backup (issue 14 §1).
  if (registration.state === 'registered' && registration.server) {
    text += ` ${t(registration.backup ? 'registration.backupServer' : 'registration.server', { server: registration.server })}`;
  }
  return (
    <div role="status" aria-label={t('registration')} className={`registration registration-${registration.state}`}>
      <span className="dot" aria-hidden="true" />
      {text}
      <span className="mode">{t(mode === 'training' ? 'mode.training' : 'mode.live')}</span>
    </div>
  );
}
