package objectstore.workshop.checks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Which side of the workshop a check runs against: {@code -Dworkshop.implementation=exercises} (what
 * {@code -Pworkshop} sets) or {@code solutions} (the default build, which so proves every solution passes).
 */
final class Workshop {

    static final String IMPLEMENTATION = System.getProperty("workshop.implementation", "solutions");

    private Workshop() {
    }

    /** The exercise or solution class of this name, e.g. {@code Ex01SizeThePool}. */
    static Class<?> type(String simpleName) {
        String name = "objectstore.workshop." + IMPLEMENTATION + "." + simpleName;
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + name + " (workshop.implementation must be exercises or solutions)");
        }
    }

    /** Calls the static method {@code method} of that class; what it throws is thrown as it is. */
    @SuppressWarnings("unchecked")
    static <T> T call(String simpleName, String method, Object... args) throws Exception {
        Method m = Arrays.stream(type(simpleName).getMethods()).filter(x -> x.getName().equals(method) && x.getParameterCount() == args.length)
                .findFirst().orElseThrow(() -> new IllegalStateException(simpleName + " has no public static " + method + " method"));
        try {
            return (T) m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    /** "exercise 03" or "solution 03", for messages. */
    static String side() {
        return IMPLEMENTATION.equals("exercises") ? "your exercise" : "the solution";
    }
}
