// A platform team's own CDKTF app (plain CommonJS, run with node): its own
// stack, and an organization from auto-tag beside it under ids of its choosing.

const { App, TerraformOutput, TerraformStack } = require('cdktf');
const { addAutoTagStacks, loadConfig, namesFor } = require('auto-tag');

const app = new App({ outdir: 'cdktf.out', stackTraces: false });
const config = loadConfig('org.json');

// A stack of the team's own, holding the id auto-tag would take by default.
const platform = new TerraformStack(app, 'central');
new TerraformOutput(platform, 'tag-bus-name', { value: namesFor(config).centralBus });

const { management, central, members } = addAutoTagStacks(app, {
  config,
  ids: { management: 'acme-management', central: 'acme-central', member: (id) => `acme-member-${id}` },
});
central.addDependency(platform);
console.log(JSON.stringify({ management: management.node.id, central: central.node.id, members: members.map((m) => m.node.id) }));
app.synth();
