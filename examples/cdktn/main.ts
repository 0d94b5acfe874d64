// The quickstart (examples/quickstart/main.tf) as a CDK Terrain (cdktn) app: a service account for CI, a role that
// lets it deploy flows and start executions, the binding between them, and a 30-day API token. It is the CDKTF
// example (examples/cdktf/main.ts) with its imports moved from `cdktf` to `cdktn`, plus what only cdktn can
// express: an ephemeral token that lets a second service account act for one run, never stored in plan or state.
// Credentials come from KESTRA_URL and KESTRA_USERNAME/KESTRA_PASSWORD (or KESTRA_API_TOKEN).
//
// Synthesize without the cdktn CLI:  ../../node_modules/.bin/tsc -p tsconfig.json && node dist/examples/cdktn/main.js
// then run terraform in cdktf.out/stacks/kestra-iam/ (or use `cdktn deploy`, which runs the same app from cdktf.json).
import { App, TerraformOutput, TerraformStack } from 'cdktn';
import { Construct } from 'constructs';
// In your own project: `from '@kestra-iam/cdktn-provider-kestra'`.
import { apiToken, ephemeralKestraApiToken, provider, role, roleBinding, serviceAccount } from '../../cdktn/kestra/src';

export class KestraIamStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.addOverride('terraform.required_version', '>= 1.10');

    // No arguments: the provider reads KESTRA_URL, KESTRA_USERNAME/KESTRA_PASSWORD or KESTRA_API_TOKEN.
    new provider.KestraProvider(this, 'kestra');

    const ciBot = new serviceAccount.ServiceAccount(this, 'ci_bot', {
      name: 'ci-bot',
      description: 'Deploys flows from the CI/CD pipeline',
    });

    const flowDeployer = new role.Role(this, 'flow_deployer', {
      name: 'flow-deployer',
      description: 'Create and update flows, start and follow executions',
      permissions: {
        FLOW: ['READ', 'CREATE', 'UPDATE'],
        EXECUTION: ['READ', 'CREATE'],
      },
    });

    new roleBinding.RoleBinding(this, 'ci_bot_deploys_flows', {
      roleId: flowDeployer.id,
      serviceAccountId: ciBot.id,
    });

    const token = new apiToken.ApiToken(this, 'ci_pipeline', {
      serviceAccountId: ciBot.id,
      name: 'ci-pipeline',
      description: 'Used by the CI/CD pipeline',
      maxAge: 'P30D',
      extended: true,
      lifecycle: { createBeforeDestroy: true },
    });

    // An account that manages roles, through a token minted for each run and revoked at its end.
    const iamBot = new serviceAccount.ServiceAccount(this, 'iam_bot', {
      name: 'iam-bot',
      description: 'Manages roles, one Terraform run at a time',
    });
    const roleAdmin = new role.Role(this, 'role_admin', {
      name: 'role-admin',
      description: 'Manage roles (and grant FLOW READ)',
      permissions: { ROLE: ['READ', 'CREATE', 'UPDATE', 'DELETE'], FLOW: ['READ'] },
    });
    const iamBotManagesRoles = new roleBinding.RoleBinding(this, 'iam_bot_manages_roles', {
      roleId: roleAdmin.id,
      serviceAccountId: iamBot.id,
    });
    const runToken = new ephemeralKestraApiToken.EphemeralKestraApiToken(this, 'iam_bot_run', {
      serviceAccountId: iamBot.id,
      maxAge: 'PT15M',
      description: 'One Terraform run',
      // Minted once the account may act: before the binding exists, its token could do nothing.
      dependsOn: [iamBotManagesRoles],
    });
    // The same Kestra (KESTRA_URL), authenticated as iam-bot.
    const asIamBot = new provider.KestraProvider(this, 'as_iam_bot', { alias: 'iam_bot', apiToken: runToken.token });
    new role.Role(this, 'flow_viewer', {
      provider: asIamBot,
      name: 'flow-viewer',
      description: 'Created by iam-bot',
      permissions: { FLOW: ['READ'] },
    });

    new TerraformOutput(this, 'service_account_id', { value: ciBot.id });
    new TerraformOutput(this, 'token_expires_at', { value: token.expiresAt });
    new TerraformOutput(this, 'ci_bot_token', {
      description: 'Send as `Authorization: Bearer <token>`; read it with `terraform output -raw ci_bot_token`.',
      value: token.token,
      sensitive: true,
    });
  }
}

// The output folder: CDKTF_OUTDIR when set (the cdktn CLI sets it; the fork kept CDKTF's name), otherwise ./cdktf.out.
// cdktn refuses ephemeral resources unless the project targets Terraform 1.10 or later: the `targetVersions` of
// cdktf.json when the CLI runs the app, this context when node runs it.
const app = new App({
  outdir: process.env['CDKTF_OUTDIR'] ?? 'cdktf.out',
  context: { targetVersions: { terraform: '>=1.10.0' } },
});
new KestraIamStack(app, 'kestra-iam');
app.synth();
