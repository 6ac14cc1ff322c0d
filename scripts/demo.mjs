// npm run demo: copies a fixture repository to a temp dir and runs `pith plan --yes` on it
// against the built-in scripted model. Filled in by the plan issue; until then it says so.
console.error('pith demo: the plan/execute demo is not built yet in this version.');
process.exit(2);
