/**
 * Community review: representation (segments, clusters, cells and the structures in each),
 * proposals and what they touch, comments, reactions (own and assisted), meetings with their
 * decisions, and the review lifecycle of a plan. Every comment, reaction, decision and status
 * change is published as an application event in its own transaction ({@code changes.AppEvents}).
 */
package org.coplan.review;
