package dev.herald.server.api;

import dev.herald.core.request.Violations;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.recipients.Device;
import dev.herald.core.recipients.DeviceRegistry;
import dev.herald.core.recipients.PushAddress.PushPlatform;
import dev.herald.core.recipients.UserDirectory;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.security.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The push devices of a user: registered by the tenant's backend when the app signs in, removed on sign-out. */
@RestController
@RequestMapping("/api/v1/users/{userId}/devices")
class DeviceController {
    private static final int MAX_TOKEN = 512;
    private static final int MAX_DEVICES_PER_USER = 10;
    // What APNs (hex) and FCM (base64url with ':') issue, and nothing that means something in a URL path: a token
    // with '/' or '%' could be registered but never addressed by DELETE …/devices/{token}.
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9._:~+=-]{1," + MAX_TOKEN + "}$");

    private final DeviceRegistry devices;
    private final UserDirectory users;
    private final AddressRules addresses;
    private final Clock clock;

    DeviceController(DeviceRegistry devices, UserDirectory users, AddressRules addresses, Clock clock) {
        this.devices = devices;
        this.users = users;
        this.addresses = addresses;
        this.clock = clock;
    }

    record DeviceJson(String platform, String token) {
    }

    record DeviceView(String platform, String token, Instant registeredAt) {
        static DeviceView of(Device d) {
            return new DeviceView(d.platform().name().toLowerCase(Locale.ROOT), d.token(), d.registeredAt());
        }
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceView> register(Caller caller, @PathVariable String userId, @RequestBody DeviceJson body) {
        ForbiddenException.require(caller, Scope.SEND);
        Violations v = new Violations();
        addresses.userId(v, "userId", userId);
        PushPlatform platform = null;
        if (v.required("platform", body.platform())) {
            platform = PushPlatform.parse(body.platform()).orElse(null);
            if (platform == null) {
                v.add("platform", "one-of", "must be apns or fcm");
            }
        }
        if (v.required("token", body.token())) {
            if (body.token().length() > MAX_TOKEN) {
                // The device table's token column (VARCHAR(512)); its delivery address (platform:token) fits too.
                v.add("token", "max-length", "must be at most " + MAX_TOKEN + " characters (was "
                        + body.token().length() + ")");
            } else if (!TOKEN.matcher(body.token()).matches()) {
                v.add("token", "format", "must be 1.." + MAX_TOKEN + " letters, digits and . _ : ~ + = -");
            }
        }
        v.throwIfAny();
        requireUser(caller, userId);
        Device device = new Device(userId, platform, body.token(), clock.instant());
        boolean created = devices.register(caller.tenant(), device);
        // Apps re-register after every reinstall and old tokens linger: keep the newest few, so a user's push
        // fan-out (one delivery per device) stays bounded.
        List<Device> registered = devices.devicesOf(caller.tenant(), userId);
        for (int i = 0; i < registered.size() - MAX_DEVICES_PER_USER; i++) {
            devices.remove(caller.tenant(), userId, registered.get(i).token());
        }
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(DeviceView.of(device));
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    List<DeviceView> list(Caller caller, @PathVariable String userId) {
        ForbiddenException.require(caller, Scope.READ);
        requireUser(caller, userId);
        return devices.devicesOf(caller.tenant(), userId).stream().map(DeviceView::of).toList();
    }

    @RequiresScope(Scope.SEND)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{token}")
    ResponseEntity<Void> remove(Caller caller, @PathVariable String userId, @PathVariable String token) {
        ForbiddenException.require(caller, Scope.SEND);
        if (!devices.remove(caller.tenant(), userId, token)) {
            throw new NotFoundException("user '" + userId + "' has no device with that token");
        }
        return ResponseEntity.noContent().build();
    }

    private void requireUser(Caller caller, String userId) {
        if (users.find(caller.tenant(), userId).isEmpty()) {
            throw new NotFoundException("no user '" + userId + "'; create it with PUT /api/v1/users/{userId}");
        }
    }
}
