import { useTranslation } from 'react-i18next';
import type { CallView, PhoneController } from '../phone/phoneController.ts';
import { Keypad } from './Keypad.tsx';
import { formatDuration, useNow } from './useNow.ts';

export function InCall({ call, phone }: { call: CallView; phone: PhoneController }) {
  const { t } = useTranslation();
  const now = useNow(250, call.phase === 'connected');
  const connected = call.phase === 'connected';
  return (
    <section role="region" aria-label={t('call')} className={`panel in-call tier-${call.tier}`}>
      <div className="caller-number">{call.number}</div>
      {call.displayName && <div className="caller-name">{call.displayName}</div>}
      <div className="call-state">
        {connected ? (call.held ? t('call.onHold') : t('call.connected')) : t('call.calling', { number: call.number })}
      </div>
      {connected && call.connectedAt !== undefined && (
        <div role="timer" aria-label={t('call.timer')} className="timer">{formatDuration(now - call.connectedAt)}</div>
      )}
      {call.media && (
        <div role="status" aria-label={t('media')} className="media">
          {t('media.packets', { inbound: call.media.inboundPackets, outbound: call.media.outboundPackets })}
        </div>
      )}
      <div className="actions">
        {connected && (call.held
          ? <button onClick={() => phone.resume()} disabled={call.holdPending}>{t('resume')}</button>
          : <button onClick={() => phone.hold()} disabled={call.holdPending}>{t('hold')}</button>)}
        {connected && <button onClick={() => phone.toggleMute()}>{call.muted ? t('unmute') : t('mute')}</button>}
        {connected && <Keypad onTone={(tone) => phone.sendDtmf(tone)} />}
        <button className="hangup" onClick={() => phone.hangup()}>{t('hangup')}</button>
      </div>
    </section>
  );
}
