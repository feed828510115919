// The terminal's size, following resizes; tests pass a fixed size instead.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  columns: number;
  rows: number;
}

export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout, fixed));
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(readSize(stdout, fixed));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}

function readSize(stdout: NodeJS.WriteStream, fixed: Size | undefined): Size {
  return fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
