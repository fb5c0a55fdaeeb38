// The call in progress. Which controls are enabled comes from the call's statechart: Hang up
// stays disabled until 5 s after the closing phrase, hold waits for the customer's consent.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentEvent } from '../../core/call/index.ts';
import type { CallView } from '../../core/call/index.ts';
import type { PhoneAdapter } from '../phone/phoneAdapter.ts';
import { HoldPanel } from './HoldPanel.tsx';
import { gaugeFigures, SpeechGauge } from './SpeechGauge.tsx';
import { KeyButton } from './KeyButton.tsx';
import { Keypad } from './Keypad.tsx';
import type { SayFn } from './say.ts';
import { TransferPanel } from './TransferPanel.tsx';
import { formatDuration, secondsLeft, useNow } from './useNow.ts';

interface Props { call: CallView; phone: PhoneAdapter; say: SayFn; issue?: string; waiting?: boolean; canResume?: boolean }

export function InCall({ call, phone, say, issue, waiting = false, canResume = true }: Props) {
  const { t } = useTranslation();
  const connected = call.phase === 'connected';
  const now = useNow(100, connected || call.phase === 'calling');
  const rules = call.rules;
  const phase = rules.phase;
  const act = (e: AgentEvent) => phone.actOn(call.id, e);
  const [overrideReason, setOverrideReason] = useState('');
  const talking = phase === 'talking';
  const locked = phase === 'closingLock' && !rules.canHangUp;
  // Keys drive the call in front of the agent; the parked call's panel takes none.
  const keys = !waiting;
  return (
    <section role="region" aria-label={waiting ? t('call.waiting') : t('call')} className={`panel in-call tier-${call.tier}${waiting ? ' waiting' : ''}`}>
      <div className="call-head">
        <div className="caller-number">{call.number}</div>
        <div className={`tier-badge tier-${call.tier}`}>{t(`tier.${call.tier}`)}</div>
        {call.displayName && <div className="caller-name">{call.displayName}</div>}
        <div className="call-state" role="status" aria-label={t('call.state')}>
          {connected ? t(`phase.${phase ?? 'talking'}`) : t('call.calling', { number: call.number })}
        </div>
        {connected && call.connectedAt !== undefined && (
          <div className="timer-row"><span className="timer-label" aria-hidden="true">{t('call.timer')}</span>
            <span role="timer" aria-label={t('call.timer')} className="timer">{formatDuration(now - call.connectedAt)}</span></div>
        )}
      </div>
      {call.media && (
        <div role="status" aria-label={t('media')} className="media">
          {t('media.packets', { inbound: call.media.inboundPackets, outbound: call.media.outboundPackets })}
        </div>
      )}
      {connected && !waiting && call.coaching && <SpeechGauge figures={gaugeFigures(call.coaching)} />}
      {rules.error && <p role="alert" className="error">{t(`error.${rules.error.kind}`)}</p>}
      {talking && rules.phraseKeys.map((key) => <p key={key} className="say-now" aria-live="polite">{say(key, undefined, { ...(issue ? { issue } : {}) })}</p>)}
      <HoldPanel call={call} phone={phone} say={say} keys={keys} />
      <TransferPanel call={call} phone={phone} say={say} issue={issue} />
      {(phase === 'harassmentWarning' || phase === 'silentSequence') && rules.phraseKey && (
        <div role="alert" className="system-flow">
          <p className="say-now">{say(rules.phraseKey, rules.phraseStep)}</p>
          {phase === 'silentSequence' && <KeyButton shortcut={keys && 'continue'} onClick={() => act({ type: 'AGENT.CONTINUE' })}>{t('silent.callerSpoke')}</KeyButton>}
        </div>
      )}
      {phase === 'closingCheck' && (
        <section role="region" aria-label={t('closing.check')} className="closing closing-check">
          <p className="say-now">{say('replies.anythingElse')}</p>
          {/* C1 (002): recap the key details and what was agreed before the closing phrase. */}
          <p className="hint">{t('closing.recap')}</p>
          <ul className="recap">
            {issue && <li>{t('closing.recap.issue', { issue })}</li>}
            {call.callback && <li>{t('closing.recap.callback', { number: call.callback.number, time: formatDuration(call.callback.dueAt - now) })}</li>}
            {call.emergencyAt !== undefined && <li>{t('closing.recap.emergency')}</li>}
            {rules.transfer?.failed && <li>{t('closing.recap.transferFailed', { target: rules.transfer.label })}</li>}
          </ul>
          <div className="actions">
            <KeyButton shortcut={keys && 'closing'} onClick={() => act({ type: 'AGENT.CLOSING' })}>{t('closing.nothingElse')}</KeyButton>
            <KeyButton shortcut={keys && 'continue'} onClick={() => act({ type: 'AGENT.CONTINUE' })}>{t('closing.continue')}</KeyButton>
          </div>
        </section>
      )}
      {phase === 'closingLock' && (
        <div className="closing">
          <p className="say-now">{say('replies.closing')}</p>
          <div role="timer" aria-label={t('closing.lock')} className={locked ? 'lock locked' : 'lock'}>
            {locked ? t('closing.waiting', { seconds: secondsLeft(rules.lockEndsAt, now) }) : t('closing.unlocked')}
          </div>
          <KeyButton shortcut={keys && 'continue'} onClick={() => act({ type: 'AGENT.CONTINUE' })}>{t('closing.continue')}</KeyButton>
        </div>
      )}
      <div className="actions call-controls">
        {talking && <KeyButton shortcut={keys && 'hold'} onClick={() => act({ type: 'AGENT.HOLD_REQUEST' })}>{t('hold')}</KeyButton>}
        {phase === 'onHold' && <KeyButton shortcut={keys && 'resume'} disabled={!canResume} onClick={() => act({ type: 'AGENT.RESUME' })}>{t('resume')}</KeyButton>}
        {connected && <KeyButton shortcut={keys && 'mute'} onClick={() => phone.toggleMute(call.id)}>{rules.muted ? t('unmute') : t('mute')}</KeyButton>}
        {connected && <Keypad keys={keys} onTone={(tone, via) => phone.sendDtmf(tone, via, call.id)} />}
        {talking && <KeyButton shortcut={keys && 'transfer'} onClick={() => act({ type: 'AGENT.TRANSFER_START' })}>{t('transfer')}</KeyButton>}
        {talking && <KeyButton shortcut={keys && 'closing'} onClick={() => act({ type: 'AGENT.CLOSING' })}>{t('closing')}</KeyButton>}
        {talking && <KeyButton shortcut={keys && 'silent'} onClick={() => act({ type: 'AGENT.SILENT_CALL' })}>{t('silent')}</KeyButton>}
        {connected && call.emergencyAt === undefined && <KeyButton shortcut={keys && 'emergency'} onClick={() => act({ type: 'AGENT.MARK_EMERGENCY' })}>{t('emergency')}</KeyButton>}
        {connected && phase !== 'harassmentWarning' && <KeyButton shortcut={keys && 'harassment'} onClick={() => act({ type: 'AGENT.HARASSMENT' })}>{t('harassment')}</KeyButton>}
        {talking && <KeyButton shortcut={keys && 'chatCall'} aria-pressed={Boolean(rules.rules.some((r) => r.rule === 'chatCallLimit'))} onClick={() => act({ type: 'AGENT.MARK_CHAT_CALL' })}>{t('chatCall')}</KeyButton>}
        <KeyButton shortcut={keys && 'hangup'} className="hangup" disabled={!rules.canHangUp} onClick={() => phone.hangup(call.id)}>{t('hangup')}</KeyButton>
      </div>
      {rules.canOverride && !rules.canHangUp && (
        <details className="override">
          <summary>{t('override')}</summary>
          <input aria-label={t('override.reason')} maxLength={200} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
          <button disabled={!overrideReason.trim()} onClick={() => act({ type: 'AGENT.OVERRIDE_HANGUP', reason: overrideReason.trim() })}>{t('override.confirm')}</button>
        </details>
      )}
    </section>
  );
}
