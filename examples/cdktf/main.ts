// The quickstart (examples/quickstart/main.tf) as a CDK for Terraform app: a service account for CI, a role that
// lets it deploy flows and start executions, the binding between them, and a 30-day API token.
// Credentials come from KESTRA_URL and KESTRA_USERNAME/KESTRA_PASSWORD (or KESTRA_API_TOKEN).
//
// Synthesize without the cdktf CLI:  ../../node_modules/.bin/tsc -p tsconfig.json && node dist/examples/cdktf/main.js
// then run terraform in cdktf.out/stacks/kestra-iam/ (or use `cdktf deploy`, which runs the same app from cdktf.json).
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
// In your own project: `from '@kestra-iam/cdktf-provider-kestra'`.
import { apiToken, provider, role, roleBinding, serviceAccount } from '../../cdktf/kestra/src';

export class KestraIamStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

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

    new TerraformOutput(this, 'service_account_id', { value: ciBot.id });
    new TerraformOutput(this, 'token_expires_at', { value: token.expiresAt });
    new TerraformOutput(this, 'ci_bot_token', {
      description: 'Send as `Authorization: Bearer <token>`; read it with `terraform output -raw ci_bot_token`.',
      value: token.token,
      sensitive: true,
    });
  }
}

// The output folder: CDKTF_OUTDIR when set (the cdktf CLI sets it), otherwise ./cdktf.out.
const app = new App({ outdir: process.env['CDKTF_OUTDIR'] ?? 'cdktf.out' });
new KestraIamStack(app, 'kestra-iam');
app.synth();
