import { parseJavaDurationMillis } from '../../common/java-duration.js';
import type { ApiToken, CreateApiTokenResponse, TokenOwnerApi } from '../client/index.js';
import {
  AttributePath, boolType, computed, defineResource, defineSchema, exactlyOneOf, mapOf, notEmpty, optional, optionalComputed, rawBool, rawRequiredString,
  rawString, required, requiresAlso, requiresReplace, ResourceError, stringType, UNKNOWN, useStateForUnknown, type ConfigValidator, type PlanningConfigOf,
  type PlanOf, type RawState, type StateOf,
} from '../framework/index.js';
import {
  createOrAdopt, dueForRotation, durationFromMillis, findTokenOwner, fromOfficial, kestraName, orNullIfGone, ownerOf, parseTokenAddress, planTenant, positiveDuration,
  sameDurationKeepsState, tenantIdAttribute, tenantOf, tokenAddress, tokenOwner,
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

export const apiTokenResource = defineResource<typeof schema, KestraContext>({
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
    const owner = tokenOwner(ownerOf(plan), ctx);
    const created = await createWithoutOrphans(owner, plan);
    const listed = (await owner.list()).find((t) => t.id === created.id);
    return toState(plan, created.fullToken, listed ?? { id: created.id, name: created.name });
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
    const bare = !id.includes('/');
    // A bare token id is the official provider's import id: its owner is looked up.
    const address = bare ? await findTokenOwner(id, ctx) : parseTokenAddress(id);
    if (!address) {
      if (bare) return null;
      throw new ResourceError(
        'invalid import id',
        `Expected service-account/<service-account-id>/<token-id> or user/<user-id>/<token-id> (optionally <tenant>/service-account/…), or a bare token id; got ${JSON.stringify(id)}.`,
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

  // The official provider's two token types; the secret it kept in `full_token` carries over as `token`.
  movedFrom: [
    fromOfficial('kestra_service_account_api_token', {
      reads: ['full_token'],
      move: (raw) => movedToken(raw, { service_account_id: rawRequiredString(raw, 'service_account_id'), user_id: null }),
    }),
    fromOfficial('kestra_user_api_token', {
      reads: ['full_token'],
      move: (raw) => movedToken(raw, { service_account_id: null, user_id: rawRequiredString(raw, 'user_id') }),
    }),
  ],
});

/**
 * An official token state as this resource's: its `id` is the bare token id, its secret is `full_token`. What
 * the official provider never stored (the tenant, which was the provider's; prefix, issue and expiry times)
 * comes with the first refresh.
 */
function movedToken(raw: RawState, owner: Pick<State, 'service_account_id' | 'user_id'>): State {
  const tokenId = rawRequiredString(raw, 'id');
  return {
    ...owner,
    tenant_id: null,
    id: tokenAddress(ownerOf(owner), tokenId),
    name: rawRequiredString(raw, 'name'),
    description: rawString(raw.description),
    max_age: rawString(raw.max_age),
    extended: rawBool(raw.extended, false),
    keepers: null,
    rotate_before: null,
    token: rawString(raw.full_token),
    token_id: tokenId,
    prefix: null,
    issued_at: null,
    expires_at: null,
    expired: false,
    last_used: null,
  };
}

/**
 * A create whose answer was lost may still have made a token whose secret nobody will ever see. Such an orphan
 * (same name, absent before this create began) is deleted before the next attempt, so no unknown credential lingers.
 */
async function createWithoutOrphans(owner: TokenOwnerApi, plan: PlanOf<typeof schema>): Promise<CreateApiTokenResponse> {
  const request = {
    name: plan.name,
    ...(plan.description !== null ? { description: plan.description } : {}),
    ...(plan.max_age !== null ? { maxAge: plan.max_age } : {}),
    extended: plan.extended,
  };
  // Token names may repeat (a replacement lives beside the token it replaces): remember which ones exist already.
  const before = new Set((await owner.list()).map((t) => t.id));
  return createOrAdopt(
    () => owner.create(request),
    async () => {
      for (const orphan of (await owner.list()).filter((t) => t.name === plan.name && !before.has(t.id))) await owner.delete(orphan.id);
      return undefined;
    },
  );
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
