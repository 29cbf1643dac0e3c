/**
 * Our MJCF model of the planar one-legged hopper (Erez, Tassa and Todorov, "Infinite-Horizon
 * Model Predictive Control for Periodic Tasks with Contacts", RSS 2011; the model of Gymnasium's
 * Hopper). Written from the published parameters: 2 ms time step with the RK4 integrator; four
 * capsules of density 1000 kg/m³: torso (length 0.4 m, radius 0.05), thigh (0.45 m, 0.05),
 * leg (0.5 m, 0.04) and a foot (0.39 m, 0.06) reaching 0.13 m behind and 0.26 m in front of the
 * ankle; torso centre 1.25 m above the ground at rest. Joints have armature 1 and damping 1;
 * ranges: thigh and leg [-150°, 0°], foot [-45°, 45°]; three motors with gear 200 and controls in
 * [-1, 1]. Friction 0.9 on the torso, thigh and leg, 2.0 on the foot; contacts with a 1 mm margin.
 * Frames are local (the original used global coordinates, which MuJoCo 3 no longer accepts).
 * @module
 */
export const HOPPER_XML = `
<mujoco model="modelgym_hopper">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option timestep="0.002" integrator="RK4"/>
  <default>
    <joint limited="true" armature="1" damping="1"/>
    <geom type="capsule" contype="1" conaffinity="1" condim="1" margin="0.001"
          solref="0.02 1" solimp="0.8 0.8 0.01"/>
    <motor ctrllimited="true" ctrlrange="-1 1" gear="200"/>
  </default>
  <worldbody>
    <geom name="ground" type="plane" size="20 20 0.125" condim="3"/>
    <body name="torso" pos="0 0 1.25">
      <joint name="rootx" type="slide" axis="1 0 0" limited="false" armature="0" damping="0"/>
      <joint name="rootz" type="slide" axis="0 0 1" ref="1.25" limited="false" armature="0" damping="0"/>
      <joint name="rooty" type="hinge" axis="0 1 0" limited="false" armature="0" damping="0"/>
      <geom name="torso_geom" fromto="0 0 0.2 0 0 -0.2" size="0.05" friction="0.9"/>
      <body name="thigh" pos="0 0 -0.2">
        <joint name="thigh_joint" type="hinge" axis="0 -1 0" range="-150 0"/>
        <geom name="thigh_geom" fromto="0 0 0 0 0 -0.45" size="0.05" friction="0.9"/>
        <body name="leg" pos="0 0 -0.7">
          <joint name="leg_joint" type="hinge" pos="0 0 0.25" axis="0 -1 0" range="-150 0"/>
          <geom name="leg_geom" fromto="0 0 0.25 0 0 -0.25" size="0.04" friction="0.9"/>
          <body name="foot" pos="0.065 0 -0.25">
            <joint name="foot_joint" type="hinge" pos="-0.065 0 0" axis="0 -1 0" range="-45 45"/>
            <geom name="foot_geom" fromto="-0.195 0 0 0.195 0 0" size="0.06" friction="2.0"/>
          </body>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor name="thigh_joint" joint="thigh_joint"/>
    <motor name="leg_joint" joint="leg_joint"/>
    <motor name="foot_joint" joint="foot_joint"/>
  </actuator>
</mujoco>
`;
