// A frame counter for spinners, ticking only while something is in progress (an idle UI does not redraw).
import { useEffect, useState } from 'react';

export function useTicker(active: boolean, intervalMs = 120): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((value) => value + 1), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return tick;
}
