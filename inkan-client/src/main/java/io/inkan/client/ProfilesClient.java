package io.inkan.client;

import io.inkan.core.api.KeySetView;
import io.inkan.core.api.PolicyRequest;
import io.inkan.core.api.PolicyView;
import io.inkan.core.api.ProfileRequest;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.RotateRequest;
import io.inkan.core.api.TimestampingRequest;
import io.inkan.core.api.TimestampingView;

import java.util.List;

/** A project's signing profiles and what hangs off one: its key set, signing policy (W1) and time-stamping (S5). */
public interface ProfilesClient {

    ProfileView create(String project, ProfileRequest request);

    List<ProfileView> list(String project);

    ProfileView get(String project, String profile);

    KeySetView keySet(String project, String profile);

    KeySetView rotate(String project, String profile, RotateRequest request);

    PolicyView getPolicy(String project, String profile);

    /** Replaces a profile's policy as a whole (key custodians). */
    PolicyView setPolicy(String project, String profile, PolicyRequest request);

    /** How a profile time-stamps (S5): {@code builtin}, {@code external} (with its URL) or {@code none}. */
    TimestampingView getTimestamping(String project, String profile);

    TimestampingView setTimestamping(String project, String profile, TimestampingRequest request);
}
