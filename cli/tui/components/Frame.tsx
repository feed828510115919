// The fixed frame every view shares: title bar, body, help bar. Its height stays one row under the terminal's,
// so Ink redraws in place instead of clearing the screen on every frame.
import { Box } from 'ink';
import type { Lang } from '../../../sandbox/text.js';
import { helpBarLine, type Screen } from '../models/screen.js';
import type { Theme } from '../theme.js';
import { Lines } from './Lines.js';

export interface FrameProps {
  screen: Screen;
  theme: Theme;
  lang: Lang;
  width: number;
  bodyHeight: number;
}

export function Frame({ screen, theme, lang, width, bodyHeight }: FrameProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={[screen.title]} theme={theme} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        <Lines lines={screen.body.slice(0, bodyHeight)} theme={theme} />
      </Box>
      <HelpBar screen={screen} theme={theme} lang={lang} width={width} />
    </Box>
  );
}

/** Always visible: the keys that work here. */
export function HelpBar({ screen, theme, lang, width }: Omit<FrameProps, 'bodyHeight'>) {
  return <Lines lines={[helpBarLine(screen.hints, lang, width)]} theme={theme} />;
}
