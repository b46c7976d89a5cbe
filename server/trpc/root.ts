// The app router: one line per area router. Edit when an area is added.
import { createCallerFactory, router } from './init';
import { consoleRouter } from './routers/console';
import { dealsRouter } from './routers/deals';
import { groupsRouter } from './routers/groups';
import { liveRouter } from './routers/live';
import { merchantRouter } from './routers/merchant';
import { merchantGroupsRouter } from './routers/merchant-groups';
import { merchantOrdersRouter } from './routers/merchant-orders';
import { notificationSettingsRouter } from './routers/notification-settings';
import { ordersRouter } from './routers/orders';
import { pushRouter } from './routers/push';
import { payoutsRouter } from './routers/payouts';
import { recoveryRouter } from './routers/recovery';
import { roomsRouter } from './routers/rooms';

export const appRouter = router({
  console: consoleRouter,
  deals: dealsRouter,
  groups: groupsRouter,
  live: liveRouter,
  merchant: merchantRouter,
  merchantGroups: merchantGroupsRouter,
  merchantOrders: merchantOrdersRouter,
  notificationSettings: notificationSettingsRouter,
  orders: ordersRouter,
  push: pushRouter,
  recovery: recoveryRouter,
  payouts: payoutsRouter,
  rooms: roomsRouter,
});

export type AppRouter = typeof appRouter;
/** Server-side caller (tests, server components). */
export const createCaller = createCallerFactory(appRouter);
