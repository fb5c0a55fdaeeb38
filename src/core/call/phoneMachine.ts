// The phone: registration, the calls and the promised call-backs, as one statechart. Each call
// is its own call actor (callMachine), spawned here and addressed by the engine's call id; each
// call-back task is a callbackMachine actor. The phone decides only what concerns several calls:
// which one is ringing, current or parked, a second caller refused while one already waits, and
// call waiting — answer the second caller once the first has agreed to hold and is held.
// Time passes only through the root actor's clock: createActor(phoneMachine, { input, clock }).
import { assign, emit, enqueueActions, setup, type ActorRefFrom, type DoneActorEvent, type SnapshotFrom } from 'xstate';
import type { Timings } from '../timings.ts';
import { callMachine } from './callMachine.ts';
import { callbackMachine, type CallbackInput, type SavedTaskTimes, type TaskKind } from './callbackMachine.ts';
import type { AgentEvent, CallerIdentity, CallLimits, CallReport, EngineEvent, InviteFacts, RemoteParty } from './types.ts';

export type CallRef = ActorRefFrom<typeof callMachine>;
export type TaskRef = ActorRefFrom<typeof callbackMachine>;

export type RegistrationState = 'disabled' | 'connecting' | 'registered' | 'unregistered' | 'failed';
export interface RegistrationStatus {
  state: RegistrationState;
  reason?: 'auth' | 'transport' | 'rejected';
  detail?: string;
  /** The server (host:port) in use, when the seat has more than one (sip.ws). */
  server?: string;
  /** That server is not the first listed: the seat fell over to a backup. */
  backup?: boolean;
}

export interface PhoneInput {
  mode: 'live' | 'training';
  timings: Timings;
  limits?: Partial<CallLimits>;
  overrideAllowed?: boolean;
  /** N9: the pack's wait after each silent-call prompt. */
  silentWaits?: readonly number[];
  now: () => number;
}

/** A call the engine has just seen (incoming) or placed (outgoing). */
export interface NewCall {
  id: string;
  remote: RemoteParty;
  identity: CallerIdentity;
  invite?: InviteFacts;
  /** Attended transfer to us: this INVITE replaces the consultation call we are in. */
  replaces?: boolean;
}

export interface PhoneContext {
  mode: PhoneInput['mode'];
  timings: Timings;
  limits?: Partial<CallLimits>;
  overrideAllowed: boolean;
  silentWaits?: readonly number[];
  now: () => number;
  registration: RegistrationStatus;
  /** Every call not yet ended, by the engine's id. */
  calls: Record<string, CallRef>;
  /** Ringing at the agent: the first call, or a second one (call waiting). */
  incoming?: string;
  /** The call the agent is on. */
  active?: string;
  /** Call waiting: the first caller, held while the agent talks to the second. */
  parked?: string;
  /** The last call that ended; its final snapshot stays readable. */
  lastEnded?: CallRef;
  tasks: TaskRef[];
  nextTask: number;
}

export type PhoneEvent =
  | { type: 'ENGINE.REGISTRATION'; status: RegistrationStatus }
  | { type: 'ENGINE.INCOMING'; call: NewCall }
  | { type: 'ENGINE.OUTGOING'; call: NewCall }
  /** An engine event for one call. */
  | { type: 'ENGINE.CALL'; id: string; event: EngineEvent }
  /** An agent's action on one call (default: the current one). */
  | { type: 'AGENT.CALL'; id?: string; event: AgentEvent }
  | { type: 'PHONE.ANSWER' }
  | { type: 'PHONE.DECLINE' }
  | { type: 'TASK.DIAL' | 'TASK.DONE' | 'TASK.CANCEL' | 'TASK.CLOSE'; id: string }
  /** A call-back or emergency task a page that is gone had open (savedTasks): it goes on here. */
  | { type: 'TASK.RESTORE'; task: SavedTask }
  | CallReport
  | DoneActorEvent<unknown, string>;

/**
 * An open task as a page keeps it across a reload (N5: a promised call-back must survive the
 * page it was promised in; N10 likewise): who, what, the call it belongs to, and its times.
 */
export interface SavedTask extends SavedTaskTimes {
  kind: TaskKind;
  number: string;
  callId?: string;
  repeatEvery?: number;
}

/** The phone's open tasks as savable facts (a pure selector over the task actors' snapshots). */
export function savedTasks(context: Pick<PhoneContext, 'tasks'>): SavedTask[] {
  return context.tasks.flatMap((task) => {
    const s = task.getSnapshot();
    if (s.status !== 'active') return [];
    const c = s.context;
    return [{
      kind: c.kind, number: c.number, promisedAt: c.promisedAt, dueAt: c.dueAt, attempts: c.attempts, updates: c.updates,
      ...(c.callId ? { callId: c.callId } : {}), ...(c.repeatEvery ? { repeatEvery: c.repeatEvery } : {}),
    }];
  });
}

/** What the phone asks of the engine for a call no call actor owns: a caller refused before it rang, a dial refused. */
export type PhoneEmitted = { type: 'engine.decline'; id: string; code: 486 } | { type: 'engine.drop'; id: string };

const ref = (context: PhoneContext, id: string | undefined): CallRef | undefined => (id === undefined ? undefined : context.calls[id]);

/** The line as the agent lives it, from which calls the phone holds. */
export type LineState = 'idle' | 'ringing' | 'inCall' | 'callWaiting' | 'twoCalls';
const LINE_STATES: readonly LineState[] = ['idle', 'ringing', 'inCall', 'callWaiting', 'twoCalls'];

export function lineOf(c: Pick<PhoneContext, 'incoming' | 'active' | 'parked'>): LineState {
  if (c.active === undefined) return c.incoming === undefined ? 'idle' : 'ringing';
  if (c.incoming !== undefined) return 'callWaiting';
  return c.parked === undefined ? 'inCall' : 'twoCalls';
}

const REGISTRATION_STATES: readonly RegistrationState[] = ['disabled', 'connecting', 'registered', 'unregistered', 'failed'];

/** Each state of a region moves to whichever other state its facts now say (eventless). */
function follow<S extends string, G extends string>(states: readonly S[], guard: G) {
  return Object.fromEntries(states.map((state) => [state, {
    always: states.filter((other) => other !== state).map((other) => ({ guard: { type: guard, params: { state: other } }, target: other })),
  }])) as Record<S, { always: Array<{ guard: { type: G; params: { state: S } }; target: S }> }>;
}

/** The current caller has agreed and the far end accepted the hold. */
export function isHeld(call: CallRef | undefined): boolean {
  return call?.getSnapshot().matches({ connected: { call: 'onHold' } }) ?? false;
}

export const phoneMachine = setup({
  types: {
    context: {} as PhoneContext,
    events: {} as PhoneEvent,
    input: {} as PhoneInput,
    emitted: {} as PhoneEmitted,
  },
  actors: { call: callMachine, callback: callbackMachine },
  guards: {
    lineIs: ({ context }, params: { state: LineState }) => lineOf(context) === params.state,
    registrationIs: ({ context }, params: { state: RegistrationState }) => context.registration.state === params.state,
    ringingAlready: ({ context }) => context.incoming !== undefined,
    takesOver: ({ context, event }) => event.type === 'ENGINE.INCOMING' && event.call.replaces === true && context.active !== undefined,
    /** One caller up and one parked: the line is full. */
    lineFull: ({ context }) => context.active !== undefined && context.parked !== undefined,
    nothingRinging: ({ context }) => context.incoming === undefined,
    /** Call waiting: someone else is on the line and not held yet. */
    otherNotHeld: ({ context }) => context.active !== undefined && !isHeld(ref(context, context.active)),
    isTask: ({ event }) => 'actorId' in event && event.actorId.startsWith('task-'),
  },
  actions: {
    register: assign(({ event }) => (event.type === 'ENGINE.REGISTRATION' ? { registration: event.status } : {})),
    spawnCall: assign(({ context, event, spawn }, params: { as: 'incoming' | 'active'; transferredIn?: boolean }) => {
      if (event.type !== 'ENGINE.INCOMING' && event.type !== 'ENGINE.OUTGOING') return {};
      const { id, remote, identity, invite } = event.call;
      const child = spawn('call', {
        id,
        input: {
          id,
          timings: context.timings,
          ...(context.limits ? { limits: context.limits } : {}),
          direction: event.type === 'ENGINE.INCOMING' ? 'incoming' : 'outgoing',
          remote,
          tier: identity.tier,
          identity: { from: identity.from, ...(identity.surname ? { surname: identity.surname } : {}), ...(identity.title ? { title: identity.title } : {}) },
          invite: params.transferredIn ? { ...invite, transferredIn: true } : invite ?? {},
          overrideAllowed: context.overrideAllowed,
          ...(context.silentWaits ? { silentWaits: context.silentWaits } : {}),
          now: context.now,
        },
      });
      return { calls: { ...context.calls, [id]: child }, [params.as]: id };
    }),
    /** The replaced consultation call is over for us: the transferred caller takes its place. */
    dropReplaced: enqueueActions(({ enqueue, context }) => {
      const old = context.active;
      if (old === undefined) return;
      enqueue.stopChild(old);
      const { [old]: _gone, ...calls } = context.calls;
      enqueue.assign({ calls, active: undefined });
    }),
    dropDial: emit(({ event }) => ({ type: 'engine.drop' as const, id: event.type === 'ENGINE.OUTGOING' ? event.call.id : '' })),
    refuseSecondCaller: emit(({ event }) => ({ type: 'engine.decline' as const, id: event.type === 'ENGINE.INCOMING' ? event.call.id : '', code: 486 as const })),
    forwardEngine: enqueueActions(({ enqueue, context, event }) => {
      if (event.type !== 'ENGINE.CALL') return;
      const call = ref(context, event.id);
      if (call) enqueue.sendTo(call, event.event);
    }),
    forwardAgent: enqueueActions(({ enqueue, context, event }) => {
      if (event.type !== 'AGENT.CALL') return;
      const call = ref(context, event.id ?? context.active);
      if (call) enqueue.sendTo(call, event.event);
    }),
    answerIncoming: enqueueActions(({ enqueue, context }) => {
      const call = ref(context, context.incoming);
      if (call) enqueue.sendTo(call, { type: 'AGENT.ANSWER' });
    }),
    /** Call waiting (H1): ask the current caller's consent to hold; the waiting call is answered once held. */
    holdFirst: enqueueActions(({ enqueue, context }) => {
      const active = ref(context, context.active);
      const incoming = ref(context, context.incoming);
      if (!active || !incoming) return;
      if (active.getSnapshot().matches({ connected: { call: 'talking' } })) enqueue.sendTo(active, { type: 'AGENT.HOLD_REQUEST' });
      enqueue.sendTo(incoming, { type: 'AGENT.ANSWER_AFTER_HOLD' });
    }),
    declineIncoming: enqueueActions(({ enqueue, context }) => {
      const call = ref(context, context.incoming);
      if (call) enqueue.sendTo(call, { type: 'AGENT.DECLINE' });
    }),
    tellWaiting: enqueueActions(({ enqueue, context, event }, params: { held: boolean }) => {
      if (!('id' in event) || event.id !== context.active) return;
      const waiting = ref(context, context.incoming);
      if (waiting) enqueue.sendTo(waiting, { type: params.held ? 'PHONE.OTHER_HELD' : 'PHONE.OTHER_NOT_HELD' });
    }),
    /** The ringing call is answered: it becomes current; the one before it (held) is parked. */
    promote: assign(({ context, event }) => {
      if (event.type !== 'CALL.CONNECTED' || event.id !== context.incoming) return {};
      const parked = context.active !== undefined && context.active !== event.id ? context.active : context.parked;
      return { incoming: undefined, active: event.id, parked };
    }),
    /** A call ended: the parked caller (if any) is back as the current call, for the agent to resume. */
    retire: enqueueActions(({ enqueue, context, event }) => {
      if (!('actorId' in event)) return;
      const id = event.actorId;
      const call = context.calls[id];
      if (!call) return;
      const { [id]: _ended, ...calls } = context.calls;
      const next: Partial<PhoneContext> = { calls, lastEnded: call };
      // A finished child stays in the phone's snapshot.children until stopped: one per call, for
      // ever (issue 14 §3 soak). Stopping a done actor keeps its final snapshot for lastEnded.
      enqueue.stopChild(id);
      if (context.incoming === id) next.incoming = undefined;
      if (context.active === id) { next.active = context.parked; next.parked = undefined; }
      if (context.parked === id) next.parked = undefined;
      enqueue.assign(next);
      // The caller asked to hold hung up instead: the waiting call rings on, for the agent to answer.
      const waiting = context.active === id ? ref(context, context.incoming) : undefined;
      if (waiting) enqueue.sendTo(waiting, { type: 'PHONE.OTHER_NOT_HELD' });
    }),
    /** A task for a call: a call-back promised (N5), an emergency case opened (N10), or one restored after a reload. */
    addTask: assign(({ context, event, spawn }) => {
      const id = `task-${context.nextTask}`;
      const base = { id, timings: context.timings, now: context.now };
      let input: CallbackInput;
      if (event.type === 'CALL.CALLBACK_PROMISED') {
        input = { ...base, callId: event.id, number: event.number, dueMs: Math.max(0, event.dueAt - context.now()) };
      } else if (event.type === 'CALL.EMERGENCY_OPENED') {
        // N10: the first progress update is due one interval after the case is opened, then every interval.
        input = { ...base, callId: event.id, kind: 'emergency', repeatEvery: event.every, number: event.number, dueMs: event.every };
      } else if (event.type === 'TASK.RESTORE') {
        const t = event.task;
        input = {
          ...base, kind: t.kind, number: t.number,
          ...(t.callId ? { callId: t.callId } : {}), ...(t.repeatEvery ? { repeatEvery: t.repeatEvery } : {}),
          restore: { promisedAt: t.promisedAt, dueAt: t.dueAt, attempts: t.attempts, updates: t.updates },
        };
      } else return {};
      const task = spawn('callback', { id, input });
      return { tasks: [...context.tasks, task], nextTask: context.nextTask + 1 };
    }),
    forwardTask: enqueueActions(({ enqueue, context, event }) => {
      if (event.type !== 'TASK.DIAL' && event.type !== 'TASK.DONE' && event.type !== 'TASK.CANCEL' && event.type !== 'TASK.CLOSE') return;
      const task = context.tasks.find((t) => t.id === event.id);
      const type = ({ 'TASK.DIAL': 'CALLBACK.DIAL', 'TASK.DONE': 'CALLBACK.DONE', 'TASK.CANCEL': 'CALLBACK.CANCEL', 'TASK.CLOSE': 'CALLBACK.CLOSE' } as const)[event.type];
      if (task) enqueue.sendTo(task, { type });
    }),
    dropTask: enqueueActions(({ enqueue, context, event }) => {
      if (!('actorId' in event)) return;
      enqueue.stopChild(event.actorId);
      enqueue.assign({ tasks: context.tasks.filter((t) => t.id !== event.actorId) });
    }),
  },
}).createMachine({
  id: 'phone',
  context: ({ input }) => ({
    mode: input.mode,
    timings: input.timings,
    ...(input.limits ? { limits: input.limits } : {}),
    overrideAllowed: input.overrideAllowed ?? false,
    ...(input.silentWaits ? { silentWaits: input.silentWaits } : {}),
    now: input.now,
    registration: { state: 'disabled' },
    calls: {},
    tasks: [],
    nextTask: 1,
  }),
  type: 'parallel',
  states: {
    /** The SIP registration, as the engine reports it. */
    registration: {
      initial: 'disabled',
      states: follow(REGISTRATION_STATES, 'registrationIs'),
    },
    /** The calls: none, one ringing, one up, one up and one ringing (call waiting), one up and one parked. */
    line: {
      initial: 'idle',
      states: follow(LINE_STATES, 'lineIs'),
    },
  },
  on: {
    'ENGINE.REGISTRATION': { actions: 'register' },
    'ENGINE.INCOMING': [
      { guard: 'takesOver', actions: ['dropReplaced', { type: 'spawnCall', params: { as: 'active', transferredIn: true } }] },
      // One waiting call at a time, two calls at most: a third caller hears busy.
      { guard: 'ringingAlready', actions: 'refuseSecondCaller' },
      { guard: 'lineFull', actions: 'refuseSecondCaller' },
      { actions: { type: 'spawnCall', params: { as: 'incoming' } } },
    ],
    'ENGINE.OUTGOING': [
      { guard: 'nothingRinging', actions: { type: 'spawnCall', params: { as: 'active' } } },
      { actions: 'dropDial' },
    ],
    'ENGINE.CALL': { actions: 'forwardEngine' },
    'AGENT.CALL': { actions: 'forwardAgent' },
    'PHONE.ANSWER': [
      { guard: 'otherNotHeld', actions: 'holdFirst' },
      { actions: 'answerIncoming' },
    ],
    'PHONE.DECLINE': { actions: 'declineIncoming' },
    'CALL.HELD': { actions: { type: 'tellWaiting', params: { held: true } } },
    'CALL.NOT_HELD': { actions: { type: 'tellWaiting', params: { held: false } } },
    'CALL.CONNECTED': { actions: 'promote' },
    'CALL.CALLBACK_PROMISED': { actions: 'addTask' },
    'CALL.EMERGENCY_OPENED': { actions: 'addTask' },
    'TASK.RESTORE': { actions: 'addTask' },
    'TASK.DIAL': { actions: 'forwardTask' },
    'TASK.DONE': { actions: 'forwardTask' },
    'TASK.CANCEL': { actions: 'forwardTask' },
    'TASK.CLOSE': { actions: 'forwardTask' },
    'xstate.done.actor.*': [
      { guard: 'isTask', actions: 'dropTask' },
      { actions: 'retire' },
    ],
  },
});

export type PhoneMachine = typeof phoneMachine;
export type PhoneSnapshot = SnapshotFrom<PhoneMachine>;
