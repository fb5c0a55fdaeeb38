// The few words main itself shows the agent (tray, dialogs, notifications), in both UI
// languages. Everything else the agent reads lives in the renderer's i18n.
import type { Lang } from '../core/config.ts';

const en = {
  registration: { disabled: 'Training mode', connecting: 'Connecting…', registered: 'Registered', unregistered: 'Not registered', failed: 'Registration failed' },
  answer: 'Answer', hangup: 'Hang up', hangupLocked: 'Hang up (wait…)', hold: 'Hold', resume: 'Resume',
  showWindow: 'Show SeatMate', overlayPinned: 'Keep guidance on top', overlayClickThrough: 'Click through guidance',
  installUpdate: (v: string) => `Restart to install ${v}`, quit: 'Quit SeatMate',
  quitTitle: 'A call is in progress', quitMessage: 'Quitting now ends the call for the customer.',
  quitStay: 'Stay on the call', quitAnyway: 'Quit and end the call',
  updateDuringCall: 'Finish the call first; the update installs when you quit.',
  hotkeyConflictTitle: 'Some shortcuts are not available',
  hotkeyConflictBody: (list: string) => `Another program already uses: ${list}. Choose other keys in Settings.`,
};

const zh: typeof en = {
  registration: { disabled: '培训模式', connecting: '正在连接…', registered: '已注册', unregistered: '未注册', failed: '注册失败' },
  answer: '接听', hangup: '挂机', hangupLocked: '挂机(请稍候…)', hold: '保持', resume: '恢复',
  showWindow: '显示 SeatMate', overlayPinned: '服务引导置顶', overlayClickThrough: '服务引导鼠标穿透',
  installUpdate: (v: string) => `重启以安装 ${v}`, quit: '退出 SeatMate',
  quitTitle: '正在通话中', quitMessage: '现在退出会结束与客户的通话。',
  quitStay: '继续通话', quitAnyway: '退出并结束通话',
  updateDuringCall: '请先结束通话;退出时将安装更新。',
  hotkeyConflictTitle: '部分快捷键不可用',
  hotkeyConflictBody: (list: string) => `以下快捷键已被其他程序占用:${list}。请在设置中更换。`,
};

export type Strings = typeof en;
export const strings = (lang: Lang | undefined): Strings => (lang === 'en' ? en : zh);
