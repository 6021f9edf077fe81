import { IsOptional, IsUUID } from "class-validator";

/** An optional id argument: absent or null is fine, anything else must be a UUID. */
export function IsOptionalId(field: string, what: string): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsUUID("all", { message: `${field} must be ${what} id (UUID)` })(target, key);
  };
}
