// Reading one sample back from this process's metrics registry, for the operations tests. Edit when a
// test needs another way to read a metric.
import { metrics } from './metrics';

/** The sample of `name` with exactly `labels` (e.g. `{outcome="won"}`) in the registry's text, or 0. */
export async function sample(name: string, labels = ''): Promise<number> {
  const text = await metrics().registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
