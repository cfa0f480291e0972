/**
 * Plans as change sets over a settlement's baseline: listing them, creating a proposal (empty, or
 * as a copy of another plan's changes), renaming and describing it, setting its status, and
 * deleting it, which archives it. The features of a plan are the {@code layers} package's; a
 * plan's diff against the baseline is {@code layers.ChangesResource}.
 *
 * <p>{@link org.coplan.plans.PlanResource} (HTTP) → {@link org.coplan.plans.PlanService} (rules,
 * transactions) → {@link org.coplan.plans.PlanRepository} (all SQL).
 */
package org.coplan.plans;
