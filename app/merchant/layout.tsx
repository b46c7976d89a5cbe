// The merchant console's shell: its pages query and mutate through react-query, so the provider lives
// here rather than in the root layout (shoppers' pages use the plain client and load less JavaScript).
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/app/_trpc/client';

export default function MerchantLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
