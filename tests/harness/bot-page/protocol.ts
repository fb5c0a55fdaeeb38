// Shapes shared by the Node-side Bot and the page it drives (plain data: they cross page.evaluate).
export interface BotPageConfig {
  uri: string;
  wsUrl: string;
  password?: string;
  displayName?: string;
  iceServers?: RTCIceServer[];
  /** Send the SDP on the first ICE candidate instead of waiting for gathering to finish. */
  earlyIceRelease: boolean;
  /** Send digital silence instead of the fake microphone. */
  muted: boolean;
  /** A WAV file's bytes, base64, played in a loop as the microphone. */
  audioBase64?: string;
}

export interface CallOptions {
  headers?: string[];
  displayName?: string;
}

export interface BotStats {
  inboundPackets: number;
  outboundPackets: number;
  /** Highest inbound audioLevel (0..1) over the call's audio streams. */
  audioLevel: number;
  /** Inbound totalAudioEnergy: grows only while the far end sends sound (what the bot heard). */
  audioEnergy: number;
}

export interface BotEvent {
  type: string;
  /** Epoch milliseconds with sub-ms precision (performance.timeOrigin + now()): comparable across pages. */
  at: number;
  detail: Record<string, unknown>;
}
