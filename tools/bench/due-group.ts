// The group the close and notify benchmarks settle: 500 authorized members over three price brackets, its
// deadline passed, every hold real on the emulator. Edit when both benchmarks should measure another group.
import type { Deps } from '@/server/deps';
import { addMembers, createOpenGroup, type FactoryGroup } from '@/server/groups/close-test-factory';

/** Creates a group past its deadline with `members` authorized members (quantities 1–3, each language in turn). */
export async function createDueGroup(deps: Deps, members: number): Promise<FactoryGroup> {
  const g = await createOpenGroup(deps, {
    deadline: new Date(Date.now() - 1000),
    maxMembers: members,
    tiers: [
      { minMembers: 2, unitPrice: 2000 },
      { minMembers: 100, unitPrice: 1500 },
      { minMembers: 400, unitPrice: 1200 },
    ],
  });
  await addMembers(
    deps,
    g,
    Array.from({ length: members }, (_, i) => ({
      unitPriceAtJoin: i < 100 ? 2000 : i < 400 ? 1500 : 1200,
      quantity: 1 + (i % 3),
      locale: (['en', 'zh-CN', 'ja'] as const)[i % 3],
    })),
    { concurrency: 16 },
  );
  return g;
}
