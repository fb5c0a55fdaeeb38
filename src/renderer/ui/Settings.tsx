// The settings screen: a form over the host's settings. Keys IT policy enforces are shown locked.
import { useEffect, useId, useState } from 'react';
import { listAudioDevices, loadAudioChoice, saveAudioChoice, type AudioChoice } from '../phone/audioDevices.ts';
import { useTranslation } from 'react-i18next';
import type { ResolvedSettings, SeatMateBridge, SettingsPatch } from '../../core/bridge.ts';
import { DesktopSettings } from './DesktopSettings.tsx';

interface Props {
  bridge: SeatMateBridge;
  settings: ResolvedSettings;
  packs: { id: string; hotline: string; lang: string }[];
  onClose: () => void;
}

export function Settings({ bridge, settings, packs, onClose }: Props) {
  const { t } = useTranslation();
  const { config, locked } = settings;
  const [mode, setMode] = useState(config.mode);
  const [lang, setLang] = useState(config.lang);
  const [pack, setPack] = useState(config.pack);
  const [agentId, setAgentId] = useState(config.agent.id);
  const [agentName, setAgentName] = useState(config.agent.name ?? '');
  const [uri, setUri] = useState(config.sip?.uri ?? '');
  const [ws, setWs] = useState(config.sip?.ws.join(' ') ?? '');
  const [authUser, setAuthUser] = useState(config.sip?.authUser ?? '');
  const [password, setPassword] = useState('');
  const passwordNote = useId();
  const [error, setError] = useState<string>();
  const [audio, setAudio] = useState<AudioChoice>(loadAudioChoice);
  const [devices, setDevices] = useState<{ inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] }>({ inputs: [], outputs: [] });
  useEffect(() => { void listAudioDevices().then(setDevices); }, []);
  const isLocked = (key: string) => locked.includes(key);

  const save = async () => {
    const patch: SettingsPatch = { mode, lang, pack, agent: { id: agentId, ...(agentName ? { name: agentName } : {}) } };
    if (uri || ws) {
      patch.sip = {
        uri, ws: ws.split(/\s+/).filter(Boolean),
        ...(authUser ? { authUser } : {}),
        ...(password ? { password } : {}),
      };
    }
    try {
      saveAudioChoice(audio);
      await bridge.saveSettings(patch);
      location.reload(); // a new registration with the new settings
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const lockNote = (key: string) => (isLocked(key) ? <span className="locked">{t('settings.locked')}</span> : null);
  return (
    <section role="dialog" aria-label={t('settings')} className="panel settings">
      <h2>{t('settings')}</h2>
      <label>{t('settings.mode')}
        <select value={mode} disabled={isLocked('mode')} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="training">{t('mode.training')}</option>
          <option value="live">{t('mode.live')}</option>
        </select>{lockNote('mode')}
      </label>
      <label>{t('language')}
        <select value={lang} disabled={isLocked('lang')} onChange={(e) => setLang(e.target.value as typeof lang)}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>{lockNote('lang')}
      </label>
      <label>{t('settings.pack')}
        <select value={pack} disabled={isLocked('pack')} onChange={(e) => setPack(e.target.value)}>
          {packs.map((p) => <option key={p.id} value={p.id}>{p.hotline} ({p.id})</option>)}
        </select>{lockNote('pack')}
      </label>
      <label>{t('settings.agentId')}<input value={agentId} maxLength={32} onChange={(e) => setAgentId(e.target.value)} /></label>
      <label>{t('settings.agentName')}<input value={agentName} maxLength={64} onChange={(e) => setAgentName(e.target.value)} /></label>
      <fieldset disabled={mode !== 'live'}>
        <legend>SIP</legend>
        <label>{t('settings.sipUri')}<input value={uri} disabled={isLocked('sip.uri')} placeholder="sip:1001@pbx.example.org" onChange={(e) => setUri(e.target.value)} />{lockNote('sip.uri')}</label>
        <label>{t('settings.sipWs')}<input value={ws} disabled={isLocked('sip.ws')} placeholder="wss://pbx.example.org:8089/ws" onChange={(e) => setWs(e.target.value)} />{lockNote('sip.ws')}</label>
        <label>{t('settings.authUser')}<input value={authUser} onChange={(e) => setAuthUser(e.target.value)} /></label>
        {/* The host never sends the password back (docs/security.md §1): only whether one is set. A
            save sends one only when the agent types it; an empty box keeps the stored one. */}
        <label>{t('settings.password')}<input type="password" value={password} autoComplete="new-password" aria-describedby={settings.passwordSet ? passwordNote : undefined} onChange={(e) => setPassword(e.target.value)} /></label>
        {settings.passwordSet && !password ? <p id={passwordNote} className="password-set">{t('settings.passwordSet')}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t('settings.audio')}</legend>
        {([['mic', devices.inputs], ['speaker', devices.outputs], ['ringer', devices.outputs]] as const).map(([key, list]) => (
          <label key={key}>{t(`settings.audio.${key}`)}
            <select value={audio[key]} onChange={(e) => setAudio({ ...audio, [key]: e.target.value })}>
              <option value="">{t('settings.audio.default')}</option>
              {list.filter((d) => d.deviceId && d.deviceId !== 'default').map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `${t(`settings.audio.${key}`)} ${i + 1}`}</option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <DesktopSettings bridge={bridge} />
      {error && <p role="alert">{error}</p>}
      <div className="actions">
        <button onClick={() => void save()}>{t('settings.save')}</button>
        <button onClick={onClose}>{t('settings.cancel')}</button>
      </div>
    </section>
  );
}
