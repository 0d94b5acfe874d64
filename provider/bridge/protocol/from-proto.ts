import type { ClientCapabilities__Output } from '../../../schema/generated/tfplugin6/ClientCapabilities.js';
import type { DynamicValue__Output } from '../../../schema/generated/tfplugin6/DynamicValue.js';
import type { RawState__Output } from '../../../schema/generated/tfplugin6/RawState.js';
import { decodeJsonState, decodeMsgpack } from '../codec/index.js';
import type { TfType } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import type { ClientCapabilities } from './provider-server.js';

/** Terraform always sends msgpack; JSON is the fallback the protocol allows; an empty value is null. */
export function dynamicValue(value: DynamicValue__Output | null | undefined, type: TfType): TfValue {
  if (value?.msgpack?.length) return decodeMsgpack(value.msgpack, type);
  if (value?.json?.length) return decodeJsonState(value.json, type);
  return null;
}

export function clientCapabilities(value: ClientCapabilities__Output | null | undefined): ClientCapabilities {
  return {
    deferralAllowed: value?.deferral_allowed ?? false,
    writeOnlyAttributesAllowed: value?.write_only_attributes_allowed ?? false,
  };
}

/** A stored state as Terraform sends it for upgrade or move: the JSON `attributes` object of the state file, as bytes. */
export function rawStateJson(value: RawState__Output | null | undefined): Uint8Array | null {
  return value?.json?.length ? value.json : null;
}
