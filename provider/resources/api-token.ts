import { parseJavaDurationMillis } from '../../common/java-duration.js';
import type { ApiToken, CreateApiTokenRequest } from '../client/index.js';
import {
  AttributePath, boolType, computed, defineResource, defineSchema, exactlyOneOf, mapOf, notEmpty, optional, optionalComputed, required, requiresAlso,
  requiresReplace, ResourceError, stringType, UNKNOWN, useStateForUnknown, type ConfigValidator, type PartialStateOf, type PlanningConfigOf,
  type PlanOf, type StateOf,
} from '../framework/index.js';
import {
  createObject, dueForRotation, durationFromMillis, kestraName, orNullIfGone, ownerOf, parseTokenAddress, placeholderSink, planTenant,
  positiveDuration, sameDurationKeepsState, settlePlaceholder, tenantIdAttribute, tenantOf, tokenAddress, tokenCreateTarget, tokenOwner,
  type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

// A token cannot be changed on the server: every argument replaces it.
const replaces = [requiresReplace()];
const keep = [useStateForUnknown()];

const schema = defineSchema({
  description:
    'An API token of a service account or a user. The secret `token` is returned by Kestra once, at creation: the provider keeps it in ' +
    'state (sensitive) and never reads it again. Any change of an argument creates a new token and deletes the old one; use ' +
    '`lifecycle { create_before_destroy = true }` so the new token exists before the old one is revoked.',
  attributes: {
    id: computed(stringType, {
      description: 'Address of the token, also its import id: `service-account/<id>/<token_id>` or `user/<id>/<token_id>`.',
      nullable: false,
      planModifiers: keep,
    }),
    service_account_id: optional(stringType, { description: 'Service account that owns the token.', validators: [notEmpty()], planModifiers: replaces }),
    user_id: optional(stringType, { description: 'User that owns the token; its actions are audited under the user\'s name.', validators: [notEmpty()], planModifiers: replaces }),
    name: required(stringType, { description: 'Name of the token.', validators: [kestraName], planModifiers: replaces }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()], planModifiers: replaces }),
    max_age: optional(stringType, {
      description: 'Lifetime of the token as an ISO-8601 duration (`P30D`, `PT12H`). The token never expires when unset.',
      validators: [positiveDuration],
      planModifiers: [sameDurationKeepsState(), requiresReplace()],
    }),
    extended: optionalComputed(boolType, {
      description: 'Push the expiry forward by `max_age` every time the token is used. Needs `max_age`. Defaults to `false`.',
      default: false,
      planModifiers: replaces,
    }),
    keepers: optional(mapOf(stringType), {
      description: 'Arbitrary values; changing any of them creates a new token (rotation on demand, for example `{ rotation = "2026-Q4" }`).',
      planModifiers: replaces,
    }),
    rotate_before: optional(stringType, {
      description: 'When the token is this close to its expiry (or already expired), the plan replaces it. An ISO-8601 duration shorter than `max_age`.',
      validators: [positiveDuration],
      planModifiers: replaces,
    }),
    tenant_id: tenantIdAttribute,
    token: computed(stringType, {
      description: 'The secret to send as `Authorization: Bearer <token>`. Set once at creation; null for imported tokens, whose secret cannot be recovered.',
      sensitive: true,
      planModifiers: keep,
    }),
    token_id: computed(stringType, { description: 'Identifier Kestra gave the token.', nullable: false, planModifiers: keep }),
    prefix: computed(stringType, { description: 'Short public prefix that identifies the token in the Kestra UI.', planModifiers: keep }),
    issued_at: computed(stringType, { description: 'When the token was issued (RFC 3339).', planModifiers: keep }),
    expires_at: computed(stringType, { description: 'When the token expires (RFC 3339); null when it never expires. Moves forward on use when `extended`.' }),
    expired: computed(boolType, { description: 'Whether the token has expired.', nullable: false }),
    last_used: computed(stringType, { description: 'When the token was last used (RFC 3339); null when never used.' }),
  },
});

type State = StateOf<typeof schema>;

const rotateBeforeShorterThanMaxAge: ConfigValidator<PlanningConfigOf<typeof schema>> = {
  description: 'rotate_before must be shorter than max_age',
  validate(config, diagnostics) {
    const { rotate_before: rotate, max_age: maxAge } = config;
    if (typeof rotate !== 'string' || typeof maxAge !== 'string') return;
    const [r, m] = [parseJavaDurationMillis(rotate), parseJavaDurationMillis(maxAge)];
    if (r !== undefined && m !== undefined && r >= m) {
      diagnostics.addAttributeError(
        AttributePath.root('rotate_before'),
        'rotate_before is not shorter than max_age',
        `rotate_before (${rotate}) must be shorter than max_age (${maxAge}); otherwise every plan would replace the token.`,
      );
    }
  },
};

export const apiTokenResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_api_token',
  displayName: 'API token',
  schema,
  configValidators: [
    exactlyOneOf('service_account_id', 'user_id'),
    requiresAlso('extended', 'max_age', (v) => v === true, '`extended = true` pushes the expiry forward by `max_age` on each use, so it needs `max_age`.'),
    requiresAlso('rotate_before', 'max_age', () => true, 'A token without `max_age` never expires, so `rotate_before` needs `max_age`.'),
    rotateBeforeShorterThanMaxAge,
  ],

  modifyPlan(req) {
    planTenant(req);
    const { state } = req;
    const rotateBefore = req.config.rotate_before;
    if (state !== null && typeof rotateBefore === 'string' && dueForRotation(state, rotateBefore, Date.now())) {
      // A planned change of a computed value is what lets requires-replace take effect.
      req.plan.expired = UNKNOWN;
      req.requiresReplace('expired');
      req.diagnostics.addAttributeWarning(
        AttributePath.root('rotate_before'),
        'API token due for rotation',
        `The token expires at ${state.expires_at}, within rotate_before (${rotateBefore}): the plan replaces it.`,
      );
    }
  },

  async create({ plan }, ctx) {
    const ref = ownerOf(plan);
    const { id: _unknown, ...placeholder } = plan;
    return createObject(ctx.client.creates, tokenCreateTarget(ctx, ref, requestBody(plan)), placeholderSink(ctx, placeholder), async (created) => {
      // The secret is only in this answer: keep it in the state even if reading the token back fails.
      ctx.recordPartialState(toState(plan, created.fullToken, { id: created.id, name: created.name }));
      const listed = (await tokenOwner(ref, ctx).list()).find((t) => t.id === created.id);
      return toState(plan, created.fullToken, listed ?? { id: created.id, name: created.name });
    });
  },

  async resolvePlaceholder({ state }, ctx) {
    const known = placeholderKnown(state);
    const found = await settlePlaceholder(ctx.client.creates, tokenCreateTarget(ctx, ownerOf(known), requestBody(known)), ctx.private.pending_create);
    // The secret went with the lost answer: the token is kept without it, tainted, so the next apply replaces it.
    return found && toState(known, null, found);
  },

  async read({ state }, ctx) {
    const tokens = await orNullIfGone(tokenOwner(ownerOf(state), ctx).list());
    const token = tokens?.find((t) => t.id === state.token_id);
    // The secret is never readable again: carry forward what create stored.
    return token ? toState({ ...state, tenant_id: tenantOf(state, ctx) }, state.token, token) : null;
  },

  async delete({ state }, ctx) {
    await orNullIfGone(tokenOwner(ownerOf(state), ctx).delete(state.token_id));
  },

  async importState({ id }, ctx) {
    const address = parseTokenAddress(id);
    if (!address) {
      throw new ResourceError(
        'invalid import id',
        `Expected service-account/<service-account-id>/<token-id> or user/<user-id>/<token-id> (optionally <tenant>/service-account/…); got ${JSON.stringify(id)}.`,
      );
    }
    const token = (await orNullIfGone(tokenOwner(address, ctx).list()))?.find((t) => t.id === address.token_id);
    if (!token) return null;
    ctx.diagnostics.addWarning(
      'The token secret cannot be imported',
      'Kestra shows an API token only once, at creation. The imported token keeps working, but its `token` attribute is null; replace the token (for example by changing `keepers`) to get a secret Terraform knows.',
    );
    const owner =
      address.service_account_id !== null ? { service_account_id: address.service_account_id, user_id: null } : { service_account_id: null, user_id: address.user_id };
    const tenant = address.service_account_id !== null ? (address.tenant_id ?? null) : null;
    return toState({ ...owner, tenant_id: tenant, description: null, max_age: null, extended: false, keepers: null, rotate_before: null }, null, token);
  },
});

function requestBody(plan: Pick<PlanOf<typeof schema>, 'name' | 'description' | 'max_age' | 'extended'>): CreateApiTokenRequest {
  return {
    name: plan.name,
    ...(plan.description !== null ? { description: plan.description } : {}),
    ...(plan.max_age !== null ? { maxAge: plan.max_age } : {}),
    extended: plan.extended,
  };
}

/** What the create that left this placeholder was given, rebuilt from the placeholder. */
function placeholderKnown(state: PartialStateOf<typeof schema>): Known & { name: string } {
  const { name, service_account_id: serviceAccountId = null, user_id: userId = null } = state;
  if (typeof name !== 'string' || (serviceAccountId === null && userId === null)) {
    throw new ResourceError('placeholder without a name or owner', 'The placeholder of this API token does not say which token to look for; remove it from the state.');
  }
  return {
    name,
    service_account_id: serviceAccountId,
    user_id: userId,
    tenant_id: state.tenant_id ?? null,
    description: state.description ?? null,
    max_age: state.max_age ?? null,
    extended: state.extended ?? false,
    keepers: state.keepers ?? null,
    rotate_before: state.rotate_before ?? null,
  };
}

/** What the server does not return about a token: its owner, the arguments only Terraform knows, how it was asked for. */
type Known = Pick<State, 'service_account_id' | 'user_id' | 'tenant_id' | 'description' | 'max_age' | 'extended' | 'keepers' | 'rotate_before'>;

function toState(known: Known, secret: string | null, token: ApiToken): State {
  return {
    service_account_id: known.service_account_id,
    user_id: known.user_id,
    keepers: known.keepers,
    rotate_before: known.rotate_before,
    tenant_id: known.tenant_id,
    id: tokenAddress(ownerOf(known), token.id),
    name: token.name,
    description: token.description || known.description,
    // The server does not return max_age; on import it is derived from the expiry, while that still is issue time + max_age.
    max_age: known.max_age ?? (token.exp && token.iat && !(token.extended && token.lastUsed) ? durationFromMillis(Date.parse(token.exp) - Date.parse(token.iat)) : null),
    extended: token.extended ?? known.extended,
    token: secret,
    token_id: token.id,
    prefix: token.prefix ?? null,
    issued_at: token.iat ?? null,
    expires_at: token.exp ?? null,
    expired: token.expired ?? false,
    last_used: token.lastUsed ?? null,
  };
}
