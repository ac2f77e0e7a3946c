/**
 * Signing requests and their approval (W2–W4, decision 009): who asks, for what and why; approvals and
 * rejections with separation of duties; the SAD handed to the requester once approved; the gate that
 * decides whether a profile's policy lets a signature through directly; reminders and expiry run once per
 * cluster. Every state change is durable, so a restart loses nothing in flight.
 */
package io.inkan.server.requests;
