// The app router: one line per area router. Edit when an area is added.
import { createCallerFactory, router } from './init';

export const appRouter = router({});

export type AppRouter = typeof appRouter;
/** Server-side caller (tests, server components). */
export const createCaller = createCallerFactory(appRouter);
