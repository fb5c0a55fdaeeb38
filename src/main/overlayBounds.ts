// Where the guidance overlay goes. Agents dock and undock laptops all day: the overlay keeps one
// position per display (by display id) and never comes back off-screen when a monitor is gone.
export interface Rect { x: number; y: number; width: number; height: number }
export interface DisplayLike { id: number; workArea: Rect }

export const OVERLAY_SIZE = { width: 360, height: 300 };
const MARGIN = 16;

function visibleEnough(r: Rect, area: Rect): boolean {
  const w = Math.min(r.x + r.width, area.x + area.width) - Math.max(r.x, area.x);
  const h = Math.min(r.y + r.height, area.y + area.height) - Math.max(r.y, area.y);
  // At least a grabbable strip must be on the display.
  return w >= 80 && h >= 40;
}

/** Top-right corner of the display's work area: out of the way of the agent's CRM on the left. */
export function defaultOverlayBounds(display: DisplayLike): Rect {
  const { workArea: a } = display;
  const width = Math.min(OVERLAY_SIZE.width, a.width - 2 * MARGIN);
  const height = Math.min(OVERLAY_SIZE.height, a.height - 2 * MARGIN);
  return { x: a.x + a.width - width - MARGIN, y: a.y + MARGIN, width, height };
}

export function chooseOverlayBounds(saved: Record<string, Rect>, display: DisplayLike): Rect {
  const mine = saved[String(display.id)];
  return mine && visibleEnough(mine, display.workArea) ? mine : defaultOverlayBounds(display);
}

export function rememberOverlayBounds(saved: Record<string, Rect>, display: DisplayLike, bounds: Rect): Record<string, Rect> {
  return { ...saved, [String(display.id)]: { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) } };
}
