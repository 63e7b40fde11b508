/** DI bindings of the attack models (the attack layer's one place that names them). */
import { ContainerModule, type Newable } from 'inversify';
import { type NameOrClass, resolveClass } from '../registry.js';
import { ATTACK_MODEL, type AttackModel } from './attack-model.js';
import { ExposureAgingAttack } from './exposure-aging.js';
import { VmEscapeAttack } from './vm-escape.js';

/** Built-in attack models by name. */
export const ATTACK_MODELS = {
  'vm-escape': VmEscapeAttack,
  'exposure-aging': ExposureAgingAttack,
} as const satisfies Record<string, Newable<AttackModel>>;

/** The attack model class for a built-in name or a class. */
export function attackModelClass(
  model: NameOrClass<AttackModel>,
  field = 'attack.model',
): Newable<AttackModel> {
  return resolveClass<AttackModel>(ATTACK_MODELS, model, field, 'attack model');
}

/** Binds {@link ATTACK_MODEL} to `model` (default VM escape), a new instance per `get`. */
export function attackModule(model: NameOrClass<AttackModel> = 'vm-escape'): ContainerModule {
  const implementation = attackModelClass(model);
  return new ContainerModule(({ bind }) => {
    bind(ATTACK_MODEL).to(implementation).inTransientScope();
  });
}
