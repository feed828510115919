// Draws styled lines, one <Text> row each. Lines come fitted to the width by the view models.
import { Text } from 'ink';
import type { Line } from '../lines.js';
import type { Theme } from '../theme.js';

export function Lines({ lines, theme }: { lines: Line[]; theme: Theme }) {
  return (
    <>
      {lines.map((line, row) => (
        <Text key={row} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((segment, index) => (
                <Text key={index} {...theme(segment.tone)}>
                  {segment.text}
                </Text>
              ))}
        </Text>
      ))}
    </>
  );
}
