import { parseJavaDurationMillis } from '../../common/java-duration.js';
import type { ApiToken, CreateApiTokenRequest } from '../client/index.js';
import {
  AttributePath, boolType, computed, defineResource, defineSchema, exactlyOneOf, isKnown, isUnknown, mapOf, notEmpty, oneOf, optional, optionalComputed,
  rawBool, rawRequiredString, rawString, required, requiresAlso, requiresReplace, requiresReplaceIf, requiresReplaceUnlessImported, ResourceError,
  stringType, UNKNOWN, useStateForUnknown, type ConfigValidator, type ModifyPlanRequest, type PartialStateOf, type PlanningConfigOf, type PlanOf,
  type RawState, type StateOf,
} from '../framework/index.js';
import {
  createObject, dueForRotation, durationFromMillis, durationType, findTokenOwner, fromOfficial, kestraName, nonBlank, orNullIfGone, ownerOf,
  parseTokenAddress, placeholderSink, positiveDuration, SELF, serviceAccountTenant, settlePlaceholder, tokenAddress, tokenCreateTarget, tokenOwner,
  userTokensHaveNoTenant, type PendingCreate, type TokenOwnerRef,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

// A token cannot be changed on the server: every argument it was made with replaces it.
const replaces = [requiresReplace()];
const keep = [useStateForUnknown()];

const schema = defineSchema({
  description:
    'An API token of a service account, of a user, or of the identity the provider is authenticated as (`owner = "me"`, which a ' +
    'regular user authenticated with their own password may use: the token\'s actions are audited under their name). The secret `token` is returned by Kestra once, at creation: the provider keeps it in ' +
    'state (sensitive) and never reads it again. Any change of an argument the token is made with creates a new token and deletes the old ' +
    'one; use `lifecycle { create_before_destroy = true }` so the new token exists before the old one is revoked. `keepers` and ' +
    '`rotate_before` exist only in Terraform: `rotate_before` is a planning window (changing it never replaces the token), and a change ' +
    'of `keepers` replaces it.',
  attributes: {
    id: computed(stringType, {
      description:
        'Address of the token, also its import id: `<tenant_id>/service-account/<service_account_id>/<token_id>`, `user/<user_id>/<token_id>`, ' +
        'or `me/<token_id>` for a token of the caller.',
      nullable: false,
      planModifiers: keep,
    }),
    service_account_id: optional(stringType, { description: 'Service account that owns the token.', validators: [nonBlank], planModifiers: replaces }),
    user_id: optional(stringType, {
      description: 'User that owns the token; its actions are audited under the user\'s name. Creating a token for another user needs a superadmin.',
      validators: [nonBlank],
      planModifiers: replaces,
    }),
    owner: optional(stringType, {
      description:
        '`"me"`: the token belongs to the identity the provider is authenticated as, made through Kestra\'s own profile endpoint ' +
        '(`/api/v1/me/api-tokens`), so no superadmin is needed. Exactly one of `service_account_id`, `user_id` and `owner` must be set. ' +
        'The user is recorded: a plan authenticated as someone else fails rather than lose track of the token.',
      validators: [oneOf([SELF])],
      planModifiers: replaces,
    }),
    name: required(stringType, { description: 'Name of the token.', validators: [kestraName], planModifiers: replaces }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()], planModifiers: replaces }),
    max_age: optional(durationType, {
      description:
        'Lifetime of the token as an ISO-8601 duration (`P30D`, `PT12H`); equal durations written differently (`P7D`, `PT168H`) are the same. ' +
        'The token never expires when unset.',
      validators: [positiveDuration],
      planModifiers: replaces,
    }),
    extended: optionalComputed(boolType, {
      description: 'Push the expiry forward by `max_age` every time the token is used. Needs `max_age`. Defaults to `false`.',
      default: false,
      planModifiers: replaces,
    }),
    keepers: optional(mapOf(stringType), {
      description:
        'Arbitrary values, kept only in Terraform: changing any of them creates a new token (rotation on demand, for example ' +
        '`{ rotation = "2026-Q4" }`). After an import, the first `keepers` are recorded without a new token.',
      planModifiers: [requiresReplaceUnlessImported()],
    }),
    rotate_before: optional(durationType, {
      description:
        'A planning window, kept only in Terraform: once the token expires within this duration (or has expired), the plan replaces it. ' +
        'An ISO-8601 duration shorter than `max_age`, for example `P7D`. Adding or changing it never replaces the token by itself. ' +
        'Without it, a plan only warns about an expired token.',
      validators: [positiveDuration],
    }),
    tenant_id: optionalComputed(stringType, {
      description:
        'Tenant of a service-account token. When unset, the tenant the service account is in: the provider\'s `tenant_id` when the account ' +
        'is there, else the one tenant Kestra lists for it (this look-up needs a superadmin). Null for user tokens, which are ' +
        'instance-level. Changing it replaces the token.',
      validators: [nonBlank],
      // A tenant never recorded (a user token; a token imported by an older version) is recorded, not moved to.
      planModifiers: [requiresReplaceIf((req) => req.state !== null, 'Changing the tenant a token lives in replaces it.')],
    }),
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
type Config = PlanningConfigOf<typeof schema>;

const rotateBeforeShorterThanMaxAge: ConfigValidator<Config> = {
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

/** `caller_id`: for a token of the caller, the user it belongs to, so that authenticating as someone else is noticed. */
type Private = { pending_create: PendingCreate; caller_id: string };

export const apiTokenResource = defineResource<typeof schema, KestraContext, Private>({
  typeName: 'kestra_api_token',
  displayName: 'API token',
  schema,
  configValidators: [
    exactlyOneOf('service_account_id', 'user_id', 'owner'),
    requiresAlso('extended', 'max_age', (v) => v === true, '`extended = true` pushes the expiry forward by `max_age` on each use, so it needs `max_age`.'),
    requiresAlso('rotate_before', 'max_age', () => true, 'A token without `max_age` never expires, so `rotate_before` needs `max_age`.'),
    rotateBeforeShorterThanMaxAge,
    userTokensHaveNoTenant,
  ],

  async modifyPlan(req) {
    await planTokenTenant(req);
    const { state } = req;
    if (state === null) return;
    if (isUnknown(req.config.service_account_id) && state.service_account_id !== null) warnOwnerReplaced(req, state.service_account_id);
    const rotateBefore = req.config.rotate_before;
    const now = Date.now();
    if (typeof rotateBefore === 'string' && dueForRotation(state, rotateBefore, now)) {
      // A planned change of a computed value is what lets requires-replace take effect.
      req.plan.expired = UNKNOWN;
      req.requiresReplace('expired');
      req.diagnostics.addAttributeWarning(
        AttributePath.root('rotate_before'),
        'API token due for rotation',
        `The token expires at ${state.expires_at}, within rotate_before (${rotateBefore}): the plan replaces it.`,
      );
    } else if (rotateBefore === null && hasExpired(state, now)) {
      req.diagnostics.addAttributeWarning(
        AttributePath.root('expires_at'),
        'API token expired',
        `The token "${state.name}" (${state.id}) expired at ${state.expires_at}: Kestra refuses it, yet nothing in the configuration asks for a new one. ` +
          'Set rotate_before (for example rotate_before = "P7D") so that plans replace a token that has expired or is about to, ' +
          'or replace it once with terraform apply -replace=<address of this token>.',
      );
    }
  },

  async create({ plan }, ctx) {
    const known = await withOwnerTenant(plan, ctx);
    const ref = ownerOf(known);
    await checkCaller(ref, ctx);
    const { id: _unknown, ...placeholder } = { ...plan, tenant_id: known.tenant_id };
    return createObject(ctx.client.creates, tokenCreateTarget(ctx, ref, requestBody(plan)), placeholderSink(ctx, placeholder), async (created) => {
      // The secret is only in this answer: keep it in the state even if reading the token back fails.
      ctx.recordPartialState(toState(known, created.fullToken, { id: created.id, name: created.name }));
      const listed = (await tokenOwner(ref, ctx).list()).find((t) => t.id === created.id);
      return toState(known, created.fullToken, listed ?? { id: created.id, name: created.name });
    });
  },

  async resolvePlaceholder({ state }, ctx) {
    const known = placeholderKnown(state);
    await checkCaller(ownerOf(known), ctx);
    const found = await settlePlaceholder(ctx.client.creates, tokenCreateTarget(ctx, ownerOf(known), requestBody(known)), ctx.private.pending_create);
    // The secret went with the lost answer: the token is kept without it, tainted, so the next apply replaces it.
    return found && toState(known, null, found);
  },

  async read({ state }, ctx) {
    const known = await withOwnerTenant(state, ctx);
    await checkCaller(ownerOf(known), ctx);
    const tokens = await orNullIfGone(tokenOwner(ownerOf(known), ctx).list());
    const token = tokens?.find((t) => t.id === state.token_id);
    // The secret is never readable again: carry forward what create stored.
    return token ? toState(known, state.token, token) : null;
  },

  // Only what Terraform alone keeps changes in place (rotate_before, keepers recorded after an import, a tenant
  // recorded at last): the token itself stays.
  async update({ plan, state }, ctx) {
    const known = { ...state, keepers: plan.keepers, rotate_before: plan.rotate_before, tenant_id: plan.tenant_id };
    const token = (await tokenOwner(ownerOf(known), ctx).list()).find((t) => t.id === state.token_id);
    if (!token) throw new ResourceError('API token no longer exists', `The token ${state.id} was deleted outside Terraform; plan again to create a new one.`);
    return toState(known, state.token, token);
  },

  async delete({ state }, ctx) {
    await checkCaller(ownerOf(state), ctx);
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
        `Expected [<tenant>/]service-account/<service-account-id>/<token-id>, user/<user-id>/<token-id>, me/<token-id> or a bare token id; got ${JSON.stringify(id)}.`,
      );
    }
    const owner =
      address.service_account_id !== null
        ? { service_account_id: address.service_account_id, user_id: null, owner: null, tenant_id: address.tenant_id ?? null }
        : { service_account_id: null, user_id: address.user_id, owner: address.user_id === null ? SELF : null, tenant_id: null };
    const unknownToTheServer = { description: null, max_age: null, extended: false, keepers: null, rotate_before: null };
    const known = await withOwnerTenant({ ...owner, ...unknownToTheServer }, ctx);
    await checkCaller(ownerOf(known), ctx);
    const token = (await orNullIfGone(tokenOwner(ownerOf(known), ctx).list()))?.find((t) => t.id === address.token_id);
    if (!token) return null;
    ctx.diagnostics.addWarning(
      'The token secret cannot be imported',
      'Kestra shows an API token only once, at creation. The imported token keeps working, but its `token` attribute is null; replace the token (for example by changing `keepers`) to get a secret Terraform knows.',
    );
    return toState(known, null, token);
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

type TokenPlan = ModifyPlanRequest<typeof schema, KestraContext, Record<never, never>>;

/**
 * Plans `tenant_id`: a user token has none (one stored by an older version stays until a refresh clears it); a
 * service-account token keeps the configured tenant, else the one it lives in while its owner stays the same (the
 * provider's tenant changing does not move it), else the tenant its new service account is in (unknown until the
 * account's id is known).
 */
async function planTokenTenant(req: TokenPlan): Promise<void> {
  const { config, plan, state } = req;
  if (config.service_account_id === null) {
    plan.tenant_id = state?.tenant_id ?? null;
    return;
  }
  if (config.tenant_id === null) {
    const sameOwner = state !== null && state.tenant_id !== null && config.service_account_id === state.service_account_id;
    if (sameOwner) plan.tenant_id = state.tenant_id;
    else if (isKnown(config.service_account_id) && req.client) plan.tenant_id = await serviceAccountTenant({ client: req.client }, config.service_account_id);
    else plan.tenant_id = UNKNOWN;
  }
  // A tenant recorded at last (a token moved from the official provider, planned without refresh) is part of its
  // address; the update that records it reads the token back, with what the server keeps about it.
  if (state !== null && state.tenant_id === null && config.service_account_id === state.service_account_id && typeof plan.tenant_id === 'string') {
    plan.id = tokenAddress({ service_account_id: state.service_account_id, tenant_id: plan.tenant_id }, state.token_id);
    for (const fromServer of ['prefix', 'issued_at', 'expires_at', 'expired', 'last_used'] as const) plan[fromServer] = UNKNOWN;
  }
}

/**
 * The token's service account is being replaced. Under the token's create_before_destroy (which Terraform
 * extends to the account) the new account would be created while the old one still holds its name, which
 * Kestra refuses: say so while it can still be avoided. The account's own plan cannot: Terraform drops the
 * warnings of a replacement's create half.
 */
function warnOwnerReplaced(req: TokenPlan, serviceAccountId: string): void {
  req.diagnostics.addAttributeWarning(
    AttributePath.root('service_account_id'),
    'The token\'s service account is replaced',
    `The service account ${serviceAccountId} of this token is being replaced. If the token has create_before_destroy, so does the account: ` +
      'Terraform creates the new account before deleting the old one, and Kestra refuses it with 409, as names are unique in the instance. ' +
      'Destroy the account first with terraform destroy -target=<address of the account> (its tokens and bindings go with it), then apply; ' +
      'or give the new account another name.',
  );
}

/**
 * A token of the caller (`owner = "me"`) is listed, and deleted, through the profile of whoever the provider is
 * authenticated as. Authenticated as another user, the token would look deleted: the plan would make a new one
 * and the first would live on, unmanaged. So the caller is recorded when the token is made (or imported, or first
 * read by an older state) and every later call checks it.
 */
async function checkCaller(ref: TokenOwnerRef, ctx: { readonly client: KestraContext; readonly private: { caller_id?: string } }): Promise<void> {
  if (!('owner' in ref)) return;
  const { id } = await ctx.client.api.users.getMe();
  const recorded = ctx.private.caller_id;
  if (recorded === undefined) ctx.private.caller_id = id;
  else if (recorded !== id) {
    throw new ResourceError(
      'API token of another user',
      `This token (owner = "me") belongs to user ${recorded}, but the provider is now authenticated as ${id}, who cannot see or revoke it. ` +
        `Authenticate as ${recorded} to manage it; or revoke it from that user's profile and remove it from the state (terraform state rm).`,
    );
  }
}

function hasExpired(state: State, nowMs: number): boolean {
  return state.expired || (state.expires_at !== null && nowMs >= Date.parse(state.expires_at));
}

/** What the server does not return about a token: its owner, the arguments only Terraform knows, how it was asked for. */
type Known = Pick<State, 'service_account_id' | 'user_id' | 'owner' | 'tenant_id' | 'description' | 'max_age' | 'extended' | 'keepers' | 'rotate_before'>;

/** The model with its tenant settled: that of its service account when none is set; none for a user token. */
async function withOwnerTenant<K extends Known>(known: K, ctx: { readonly client: KestraContext }): Promise<K> {
  if (known.service_account_id === null) return { ...known, tenant_id: null };
  return known.tenant_id !== null ? known : { ...known, tenant_id: await serviceAccountTenant(ctx, known.service_account_id) };
}

/**
 * An official token state as this resource's: its `id` is the bare token id, its secret is `full_token`. What
 * the official provider never stored (the tenant, which was the provider's; prefix, issue and expiry times)
 * comes with the first refresh.
 */
function movedToken(raw: RawState, owner: Pick<State, 'service_account_id' | 'user_id'>): State {
  const tokenId = rawRequiredString(raw, 'id');
  return {
    ...owner,
    owner: null,
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
  const { name, service_account_id: serviceAccountId = null, user_id: userId = null, owner = null } = state;
  if (typeof name !== 'string' || (serviceAccountId === null && userId === null && owner === null)) {
    throw new ResourceError('placeholder without a name or owner', 'The placeholder of this API token does not say which token to look for; remove it from the state.');
  }
  return {
    name,
    service_account_id: serviceAccountId,
    user_id: userId,
    owner,
    tenant_id: state.tenant_id ?? null,
    description: state.description ?? null,
    max_age: state.max_age ?? null,
    extended: state.extended ?? false,
    keepers: state.keepers ?? null,
    rotate_before: state.rotate_before ?? null,
  };
}

function toState(known: Known, secret: string | null, token: ApiToken): State {
  return {
    service_account_id: known.service_account_id,
    user_id: known.user_id,
    owner: known.owner,
    keepers: known.keepers,
    rotate_before: known.rotate_before,
    tenant_id: known.tenant_id,
    id: tokenAddress(ownerOf(known), token.id),
    name: token.name,
    description: token.description || known.description,
    max_age: known.max_age ?? maxAgeOf(token),
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

/**
 * The server does not return `max_age`, but its timestamps give it (for imports): the expiry is issue time +
 * max_age, or, for an extended token that was used, last use + max_age. Null for a token that never expires.
 */
function maxAgeOf(token: ApiToken): string | null {
  const from = token.extended && token.lastUsed ? token.lastUsed : token.iat;
  return token.exp && from ? durationFromMillis(Date.parse(token.exp) - Date.parse(from)) : null;
}
