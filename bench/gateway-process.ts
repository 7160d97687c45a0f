// The gateway for the bench, in its own process so its CPU time and peak RSS are its own:
// the real Node server (serve + createNodeApp), exactly as `npm start` builds it, on a free
// loopback port. Env: ANY_API_CONFIG, WORKER_AUTH_KEY.
//
// Speaks the bench's process protocol (bench/child-ipc.ts): {type:'ready', port}, then
// {type:'stats'} answered with GatewayStats, {type:'stop'}. bench/floor-proxy.ts speaks the
// same one, and so does this file in older checkouts (BENCH_BASELINE_DIR).
import type { GatewayEnv } from '../src/app.ts';
import { createNodeApp } from '../src/runtime/node/node-app.ts';
import { serve } from '../src/runtime/node/serve.ts';
import { idleMemoryRelease } from '../src/runtime/node/idle-memory.ts';
import { runBenchChild } from './child-ipc.ts';

export type { ChildMessage, GatewayStats, ParentMessage } from './child-ipc.ts';

const env: GatewayEnv = {};
if (process.env.ANY_API_CONFIG !== undefined) env.ANY_API_CONFIG = process.env.ANY_API_CONFIG;
if (process.env.WORKER_AUTH_KEY !== undefined) env.WORKER_AUTH_KEY = process.env.WORKER_AUTH_KEY;

// Wired as main.ts wires it (idle memory release included), so the bench measures `npm start`.
runBenchChild(serve(createNodeApp().app, env, idleMemoryRelease()));
