// The gateway's version as the status page shows it. A constant, not an import of
// package.json: both bundles (Node, Workers) carry it with no JSON loader; a unit test keeps
// it equal to package.json's `version`.
export const VERSION = '0.1.0';
