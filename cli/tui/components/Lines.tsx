// Draws styled lines, one <Text> row each. Lines come fitted to the width by the view models.
import { Text } from 'ink';
import type { Line } from '../lines.js';
import type { Theme } from '../theme.js';

export function Lines({ lines, theme }: { lines: Line[]; theme: Theme }) {
  return (
    <>
      {lines.map((line, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position on the screen
        <Text key={row} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((segment, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a segment is its position in the row
                <Text key={index} {...theme(segment.tone)}>
                  {segment.text}
                </Text>
              ))}
        </Text>
      ))}
    </>
  );
}
