import { newId } from '../ids.js';
import { managedRoles, type KestraVersion } from '../permissions.js';
import { hashPassword, passwordMatches } from '../secrets.js';
import { BindingRepository } from './bindings.js';
import { openDatabase, prepared, type Db } from './database.js';
import { GroupRepository } from './groups.js';
import { InvitationRepository, PasswordResetRepository } from './invitations.js';
import { AccountRelations } from './relations.js';
import { RoleRepository } from './roles.js';
import { TenantRepository, type Tenant } from './tenants.js';
import { ApiTokenRepository } from './tokens.js';
import { UserRepository, type User } from './users.js';

export interface StoreOptions {
  dataDir?: string | undefined;
  kestraVersion: KestraVersion;
  adminUser: string;
  adminPassword: string;
}

export const DEFAULT_TENANT: Tenant = { id: 'main', name: 'main', settings: {} };

/** The emulator's state: one repository per entity plus the writes that span several of them. */
export class Store {
  readonly tenants: TenantRepository;
  readonly users: UserRepository;
  readonly tokens: ApiTokenRepository;
  readonly groups: GroupRepository;
  readonly roles: RoleRepository;
  readonly bindings: BindingRepository;
  readonly invitations: InvitationRepository;
  readonly passwordResets: PasswordResetRepository;

  private constructor(
    readonly db: Db,
    readonly kestraVersion: KestraVersion,
  ) {
    this.tenants = new TenantRepository(db);
    this.users = new UserRepository(db);
    this.tokens = new ApiTokenRepository(db);
    this.groups = new GroupRepository(db);
    this.roles = new RoleRepository(db);
    this.bindings = new BindingRepository(db);
    this.invitations = new InvitationRepository(db);
    this.passwordResets = new PasswordResetRepository(db);
  }

  static open(options: StoreOptions): Store {
    const store = new Store(openDatabase(options.dataDir), options.kestraVersion);
    try {
      store.transaction(() => {
        store.initialiseOnce();
        store.ensureAdmin(options.adminUser, options.adminPassword);
      });
    } catch (e) {
      store.close();
      throw e;
    }
    return store;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }

  createTenant(tenant: Tenant): void {
    this.transaction(() => {
      this.tenants.insert(tenant);
      for (const role of managedRoles(this.kestraVersion)) {
        this.roles.insert({
          id: `${role.key}_${tenant.id}`,
          tenantId: tenant.id,
          name: role.name,
          description: role.description,
          permissions: role.permissions,
          isDefault: false,
          isManaged: true,
        });
      }
    });
  }

  /** What the views of these accounts show besides themselves; groups are those of `groupTenantId` when given. */
  relations(users: readonly User[], groupTenantId?: string): AccountRelations {
    return new AccountRelations(this, users.map((u) => u.id), groupTenantId);
  }

  /**
   * Takes an account out of a tenant: its access, its bindings there and its memberships of the tenant's groups,
   * so that nothing it held there outlives the access.
   */
  revokeTenantAccess(userId: string, tenantId: string): void {
    this.transaction(() => {
      this.bindings.deleteForSubject('USER', userId, tenantId);
      this.groups.removeFromTenant(userId, tenantId);
      this.users.revokeTenant(userId, tenantId);
    });
  }

  /** Deletes a user or service account: its tokens, tenant access and memberships go too, and so do its bindings. */
  deleteUser(id: string): void {
    this.transaction(() => {
      this.bindings.deleteForSubject('USER', id);
      this.users.delete(id);
    });
  }

  deleteGroup(id: string): void {
    this.transaction(() => {
      this.bindings.deleteForSubject('GROUP', id);
      this.groups.delete(id);
    });
  }

  private initialiseOnce(): void {
    const version = prepared(this.db, "SELECT value FROM meta WHERE key = 'kestraVersion'").get() as { value: string } | undefined;
    if (version) {
      if (version.value !== this.kestraVersion) {
        throw new Error(
          `the data directory holds a Kestra ${version.value} emulator database; start with --kestra-version ${version.value} or use another --data directory`,
        );
      }
      return;
    }
    prepared(this.db, "INSERT INTO meta (key, value) VALUES ('kestraVersion', ?)").run(this.kestraVersion);
    this.createTenant(DEFAULT_TENANT);
  }

  /** The bootstrap superadmin always exists with the configured password, even after a restart with a new one. */
  private ensureAdmin(username: string, password: string): void {
    const existing = this.users.findByUsername('STANDARD', username);
    if (existing) {
      const stored = { salt: existing.passwordSalt ?? '', hash: existing.passwordHash ?? '' };
      const samePassword = existing.passwordSalt !== undefined && passwordMatches(stored, password);
      if (!samePassword || !existing.superAdmin) {
        const secret = samePassword ? stored : hashPassword(password);
        this.users.update({ ...existing, superAdmin: true, passwordSalt: secret.salt, passwordHash: secret.hash });
      }
      return;
    }
    const secret = hashPassword(password);
    this.users.insert({
      id: newId(),
      type: 'STANDARD',
      username,
      email: username,
      superAdmin: true,
      restricted: false,
      passwordSalt: secret.salt,
      passwordHash: secret.hash,
    });
  }
}
