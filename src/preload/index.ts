// Preload entry (sandboxed, CommonJS output): exposes window.seatmate and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('seatmate', createBridge(ipcRenderer));
