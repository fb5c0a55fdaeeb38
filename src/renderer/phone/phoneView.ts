// What the phone shows: the calls (ringing, active, waiting on hold, last ended) as plain data
// for React, each with its statechart's view of the rules.
import type { AppConfig, Tier } from '../../core/config.ts';
import type { RegistrationStatus } from '../engine/sipEngine.ts';
import type { MediaStats } from '../engine/call.ts';
import type { CallerState } from '../training/simulatedCaller.ts';
import type { RulesView } from './callRules.ts';

export interface CallView {
  id: string;
  direction: 'incoming' | 'outgoing';
  number: string;
  displayName: string;
  tier: Tier;
  surname?: string;
  title?: string;
  scenario?: string;
  ivrPath?: string;
  transferredIn?: boolean;
  phase: 'ringing' | 'answering' | 'calling' | 'connected' | 'ended';
  startedAt: number;
  connectedAt?: number;
  endedBy?: 'local' | 'remote' | 'system';
  endedCause?: string;
  endedStatus?: number;
  media?: MediaStats;
  rules?: RulesView;
  /** Call waiting: answered, but picked up only once the current caller is on hold. */
  holdFirst?: boolean;
}

export interface PhoneView {
  mode: AppConfig['mode'];
  registration: RegistrationStatus;
  incoming?: CallView;
  active?: CallView;
  /** Call waiting: the first call, on hold, while the agent talks to the second. */
  parked?: CallView;
  lastEnded?: CallView;
  caller: CallerState;
}

/** Who the caller is: known now (ringing is never delayed), maybe better later (CRM). */
export type TierResolver = (number: string, headerTier: Tier | undefined) => {
  now: { tier: Tier; surname?: string; title?: string };
  late: Promise<{ tier: Tier; surname?: string; title?: string } | null>;
};
