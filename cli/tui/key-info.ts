// The parts of Ink's key event the key maps read (keys.ts, lab-keys.ts): one declaration for both.
import type { Key } from 'ink';

export type KeyInfo = Pick<
  Key,
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'ctrl'
  | 'meta'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'shift'
>;
